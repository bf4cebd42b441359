using Prebias.Core.Datasets;
using Prebias.Core.Plots;

namespace Prebias.Tests.Datasets;

public sealed class TokenFrequenciesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("prebias-frequencies-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Count_CountsRealTokensOnly_NotPadding()
    {
        var path = Path.Combine(_directory, "tokens.bin");
        using (var writer = new TokenStoreWriter(path, rowLength: 6, vocabSize: 10, padId: 0))
        {
            writer.Append([1, 7, 7, 2]);
            writer.Append([1, 5, 7, 7, 7, 2]);
            writer.Append([1, 5]);
            writer.Commit();
        }

        var counts = TokenFrequencies.Count(path);

        Assert.Equal(10, counts.Length);
        Assert.Equal([0L, 3, 2, 0, 0, 2, 0, 5, 0, 0], counts);
        var cache = new TokenFrequencies();
        Assert.Same(cache.Of(path), cache.Of(path)); // a Ready dataset is counted once
    }

    [Fact]
    public void EmbeddingLabels_GoToTheMostFrequentTokens_NotTheFirstIds()
    {
        var path = Path.Combine(_directory, "tokens.bin");
        using (var writer = new TokenStoreWriter(path, rowLength: 6, vocabSize: 10, padId: 0))
        {
            writer.Append([1, 7, 7, 2]);
            writer.Append([1, 5, 7, 7, 7, 2]);
            writer.Commit();
        }

        var labelled = EmbeddingPlot.LabelledIndices(TokenFrequencies.Count(path), tokens: 10, count: 3);

        // <unk> (0) never occurs: 7 (five times) comes first, then BOS and EOS (twice each, ties by id).
        Assert.Equal([7, 1, 2], labelled);
    }
}
