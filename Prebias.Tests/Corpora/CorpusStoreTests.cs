using System.Security.Cryptography;
using System.Text;
using Prebias.Core.Corpora;

namespace Prebias.Tests.Corpora;

public class CorpusStoreTests
{
    [Fact]
    public void Complete_ReturnsCountBytesAndSha256OfTheJsonlFile_WhenDocumentsWritten()
    {
        using var temp = new TempDirectory();
        CorpusSummary summary;
        using (var writer = CorpusWriter.Create(temp.Path))
        {
            Assert.Equal(0, writer.Write("Tom ran."));
            Assert.Equal(1, writer.Write("Ünïcode \"quoted\"\nline", new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" }));
            summary = writer.Complete();
        }
        // Written out by hand: relaxed escaping keeps "Ü" as UTF-8, attributes in ordinal key order.
        var expected = "{\"text\":\"Tom ran.\"}\n{\"text\":\"Ünïcode \\\"quoted\\\"\\nline\",\"attributes\":{\"a\":\"2\",\"z\":\"1\"}}\n";
        var bytes = File.ReadAllBytes(temp.File(CorpusFolder.Documents));
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
        Assert.Equal(2, summary.DocumentCount);
        Assert.Equal(bytes.Length, summary.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), summary.Sha256);
        Assert.Equal(3 * 8, new FileInfo(temp.File(CorpusFolder.Index)).Length);
        Assert.Empty(Directory.GetFiles(temp.Path, "*" + CorpusFolder.TempSuffix));
    }

    [Fact]
    public void Read_ReturnsThePage_WhenOffsetAndLimitGiven()
    {
        using var temp = new TempDirectory();
        using (var writer = CorpusWriter.Create(temp.Path))
        {
            for (var i = 0; i < 10; i++) writer.Write($"doc {i}", new Dictionary<string, string> { ["i"] = $"{i}" });
            writer.Complete();
        }
        using var reader = CorpusReader.Open(temp.Path);
        Assert.Equal(10, reader.Count);
        var page = reader.Read(3, 4);
        Assert.Equal(["doc 3", "doc 4", "doc 5", "doc 6"], page.Select(d => d.Text));
        Assert.Equal([3, 4, 5, 6], page.Select(d => d.Index));
        Assert.Equal("5", page[2].Attributes!["i"]);
        Assert.Equal(["doc 8", "doc 9"], reader.ReadTexts(8, 100));
        Assert.Empty(reader.Read(10, 5));
        Assert.Equal("doc 0", reader.Get(0).Text);
    }

    [Fact]
    public void ReadTextBatches_CoversEveryDocumentOnceInOrder_WhenCountIsNotAMultipleOfBatchSize()
    {
        using var temp = new TempDirectory();
        using (var writer = CorpusWriter.Create(temp.Path))
        {
            for (var i = 0; i < 7; i++) writer.Write($"d{i}");
            writer.Complete();
        }
        using var reader = CorpusReader.Open(temp.Path);
        var batches = reader.ReadTextBatches(3).ToList();
        Assert.Equal([0, 3, 6], batches.Select(b => b.FirstIndex));
        Assert.Equal([3, 3, 1], batches.Select(b => b.Texts.Count));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"d{i}"), reader.ReadAll(pageSize: 2).Select(d => d.Text));
    }

    [Fact]
    public void Dispose_LeavesNoCorpus_WhenNotCompleted()
    {
        using var temp = new TempDirectory();
        using (var writer = CorpusWriter.Create(temp.Path))
            writer.Write("half-written");
        Assert.Empty(Directory.GetFiles(temp.Path));
        Assert.Throws<InvalidDataException>(() => CorpusReader.Open(temp.Path));
    }
}
