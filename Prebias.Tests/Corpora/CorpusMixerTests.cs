using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Mixtures;
using Prebias.Core.Metrics;

namespace Prebias.Tests.Corpora;

/// <summary>Weighted corpus mixtures: exact counts, recorded origins usable as attr.origin, same seed same bytes.</summary>
public sealed class CorpusMixerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(new[] { 1.0, 1.0 }, 7, new[] { 4, 3 })]
    [InlineData(new[] { 3.0, 1.0 }, 100, new[] { 75, 25 })]
    [InlineData(new[] { 0.2, 0.3, 0.5 }, 11, new[] { 2, 3, 6 })]
    public void Counts_FollowTheWeights_AndSumToTheSize(double[] weights, int size, int[] expected) =>
        Assert.Equal(expected, CorpusMixer.Counts(weights, size));

    [Fact]
    public void Write_DrawsByWeight_RecordsOrigin_AndIsDeterministic()
    {
        var a = Corpus("a", 5, "apple");   // fewer documents than its share: drawn again from a fresh shuffle
        var b = Corpus("b", 40, "banana");
        using var readerA = CorpusReader.Open(a.Path);
        using var readerB = CorpusReader.Open(b.Path);
        var parts = new List<(Guid, CorpusReader, double)> { (a.Id, readerA, 1), (b.Id, readerB, 3) };

        var first = CorpusMixer.Write(parts, 20, seed: 7, _temp.File("mix1"));
        var again = CorpusMixer.Write(parts, 20, seed: 7, _temp.File("mix2"));
        var other = CorpusMixer.Write(parts, 20, seed: 8, _temp.File("mix3"));
        Assert.Equal(first.Sha256, again.Sha256);
        Assert.NotEqual(first.Sha256, other.Sha256);

        using var mix = CorpusReader.Open(_temp.File("mix1"));
        var documents = mix.Read(0, mix.Count);
        Assert.Equal(20, documents.Count);
        var origins = documents.Select(d => AttributeMetric.ValueOf(d.Attributes![CorpusMixer.OriginAttribute])).ToList();
        Assert.Equal(5, origins.Count(o => o == 0));
        Assert.Equal(15, origins.Count(o => o == 1));
        Assert.All(documents.Where(d => d.Attributes![CorpusMixer.OriginAttribute] == "0"), d =>
        {
            Assert.StartsWith("apple", d.Text);
            Assert.Equal(a.Id.ToString(), d.Attributes![CorpusMixer.OriginCorpusAttribute]);
        });
        Assert.Equal("yes", documents[0].Attributes!["kept"]); // the part's own attributes stay
        Assert.NotEqual(origins.OrderBy(o => o), origins); // interleaved, not part after part
    }

    private (Guid Id, string Path) Corpus(string name, int count, string word)
    {
        var path = _temp.File(name);
        using var writer = CorpusWriter.Create(path);
        for (var i = 0; i < count; i++) writer.Write($"{word} {i}.", new Dictionary<string, string> { ["kept"] = "yes" });
        writer.Complete();
        return (Guid.NewGuid(), path);
    }
}
