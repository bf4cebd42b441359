using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Import;
using Prebias.Core.Corpora.TinyStories;

namespace Prebias.Tests.Corpora;

public class TinyStoriesUnpackerTests
{
    // Deliberately unsorted: data01 comes first in the archive but data00 must be imported first.
    private static readonly byte[] Archive = TinyStoriesArchive.Build(
        ("data01.json", ["B1.", "B2."]),
        ("data00.json", ["A1.", "A2.", "A3."]),
        ("README.txt", []),
        ("data02.json", ["C1."]));

    private static IReadOnlyList<string> Unpack(byte[] archive, TinyStoriesOptions options, out TinyStoriesUnpackReport report)
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("all.tar.gz"), archive);
        using (var writer = CorpusWriter.Create(temp.File("corpus")))
        {
            report = TinyStoriesUnpacker.Unpack(temp.File("all.tar.gz"), writer, options);
            writer.Complete();
        }
        using var reader = CorpusReader.Open(temp.File("corpus"));
        return reader.ReadTexts(0, reader.Count);
    }

    [Fact]
    public void Unpack_WritesStoriesInShardNameOrder_WhenArchiveIsUnsorted()
    {
        var texts = Unpack(Archive, new TinyStoriesOptions(), out var report);
        Assert.Equal(["A1.", "A2.", "A3.", "B1.", "B2.", "C1."], texts);
        Assert.Equal(["data00.json", "data01.json", "data02.json"], report.Shards);
        Assert.Equal(6, report.Import.Imported);
    }

    [Fact]
    public void Unpack_ReadsOnlyTheFirstShards_WhenShardLimitSet()
    {
        var texts = Unpack(Archive, new TinyStoriesOptions { ShardLimit = 2 }, out var report);
        Assert.Equal(["A1.", "A2.", "A3.", "B1.", "B2."], texts);
        Assert.Equal(["data00.json", "data01.json"], report.Shards);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Unpack_FailsAsTruncated_WhenArchiveIsCut(double keep)
    {
        var big = TinyStoriesArchive.Build(
            ("data00.json", Enumerable.Range(0, 2000).Select(i => $"Story {i} about a cat.").ToArray()),
            ("data01.json", Enumerable.Range(0, 2000).Select(i => $"Story {i} about a dog.").ToArray()));
        var cut = big[..(int)(big.Length * keep)];
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("all.tar.gz"), cut);
        using var writer = CorpusWriter.Create(temp.File("corpus"));

        var error = Assert.Throws<CorpusImportException>(() => TinyStoriesUnpacker.Unpack(temp.File("all.tar.gz"), writer));

        Assert.Equal(BadDocumentReason.Truncated, error.Reason);
        Assert.StartsWith("all.tar.gz: the archive is truncated or corrupt", error.Message);
        Assert.Equal(0, writer.Count); // found in the listing pass, before any story was written
    }

    [Fact]
    public void Unpack_FailsAsEmptyCorpus_WhenArchiveHasNoJsonShards()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("all.tar.gz"), TinyStoriesArchive.Build(("notes.txt", [])));
        using var writer = CorpusWriter.Create(temp.File("corpus"));
        var error = Assert.Throws<CorpusImportException>(() => TinyStoriesUnpacker.Unpack(temp.File("all.tar.gz"), writer));
        Assert.Equal(BadDocumentReason.EmptyCorpus, error.Reason);
    }

    [Fact]
    public async Task ImportAsync_DownloadsAndUnpacks_WhenServedFromLoopbackWithADroppedConnection()
    {
        await using var server = await LoopbackFileServer.StartAsync(Archive, dropFirstRequestAfter: Archive.Length / 2);
        using var temp = new TempDirectory();
        using var http = new HttpClient();
        var source = new TinyStoriesSource(http, new() { RetryDelay = TimeSpan.Zero });

        var report = await source.ImportAsync(temp.File("all.tar.gz"), temp.File("corpus"),
            new TinyStoriesOptions { Url = server.FileUrl, ShardLimit = 1 });

        Assert.Equal(3, report.Import.Corpus!.DocumentCount);
        Assert.Equal(2, server.RangeHeaders.Count); // the dropped request and its retry
        using var reader = CorpusReader.Open(temp.File("corpus"));
        Assert.Equal(["A1.", "A2.", "A3."], reader.ReadTexts(0, 10));
    }
}
