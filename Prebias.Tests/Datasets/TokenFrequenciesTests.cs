using Prebias.Core.Datasets;
using Prebias.Core.Plots;

namespace Prebias.Tests.Datasets;

public sealed class TokenFrequenciesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("prebias-frequencies-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A token store of 10 ids, rows of 6 tokens padded with id 0.</summary>
    private string Store(params int[][] rows)
    {
        var path = Path.Combine(_directory, "tokens.bin");
        using var writer = new TokenStoreWriter(path, rowLength: 6, vocabSize: 10, padId: 0);
        foreach (var row in rows) writer.Append(row);
        writer.Commit();
        return path;
    }

    [Fact]
    public void Count_CountsRealTokensOnly_NotPadding()
    {
        var path = Store([1, 7, 7, 2], [1, 5, 7, 7, 7, 2], [1, 5]);

        var counts = TokenFrequencies.Count(path);

        Assert.Equal([0L, 3, 2, 0, 0, 2, 0, 5, 0, 0], counts);
        var cache = new TokenFrequencies();
        Assert.Same(cache.Of(path), cache.Of(path)); // a Ready dataset is counted once
    }

    [Fact]
    public void EmbeddingLabels_GoToTheMostFrequentTokens_NotTheFirstIds()
    {
        var path = Store([1, 7, 7, 2], [1, 5, 7, 7, 7, 2]);

        var labelled = EmbeddingPlot.LabelledIndices(TokenFrequencies.Count(path), tokens: 10, count: 3);

        // <unk> (0) never occurs: 7 (five times) comes first, then BOS and EOS (twice each, ties by id).
        Assert.Equal([7, 1, 2], labelled);
    }
}
