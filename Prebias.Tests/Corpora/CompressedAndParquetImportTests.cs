using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Options;
using Parquet;
using Parquet.Schema;
using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Import;
using Prebias.Core.Corpora.Sandbox;
using Prebias.Core.Storage;
using ZstdSharp;

namespace Prebias.Tests.Corpora;

/// <summary>Parquet (written here with Parquet.Net), .jsonl.gz (BCL gzip), .jsonl.zst (ZstdSharp) and folders or
/// globs of shards imported as one corpus that records each document's shard and row.</summary>
public sealed class CompressedAndParquetImportTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly TempDirectory _work = new();

    public void Dispose()
    {
        _root.Dispose();
        _work.Dispose();
    }

    [Fact]
    public void Import_ReadsEveryRowGroupAndKeepsScalarColumns_WhenParquet()
    {
        WriteParquet(_root.File("train.parquet"), [["One.", "Two."], ["Three."]], [[true, false], [true]], [[1.5, 2], [3]]);
        var (report, documents) = ImportFile(_root.File("train.parquet"));
        Assert.Equal(3, report.Imported);
        Assert.Equal(["One.", "Two.", "Three."], documents.Select(d => d.Text));
        Assert.Equal("true", documents[0].Attributes!["bad_ending"]);
        Assert.Equal("false", documents[1].Attributes!["bad_ending"]);
        Assert.Equal("2", documents[1].Attributes!["words"]);
        Assert.Equal("3", documents[2].Attributes!["words"]);
    }

    [Fact]
    public void Import_UsesTheChosenTextColumn_AndFailsNamingTheColumns_WhenMissing()
    {
        WriteParquet(_root.File("a.parquet"), [["A."]], [[true]], [[1]]);
        var error = Assert.Throws<CorpusImportException>(() =>
            ImportFile(_root.File("a.parquet"), new CorpusImportOptions { TextColumn = "story" }));
        Assert.Equal(BadDocumentReason.MissingTextField, error.Reason);
        Assert.Contains("no string column \"story\"", error.Message);
        Assert.Contains("bad_ending (Boolean)", error.Message);
    }

    [Fact]
    public void Import_FailsReadably_WhenParquetIsCorrupt()
    {
        File.WriteAllBytes(_root.File("bad.parquet"), Encoding.ASCII.GetBytes("PAR1 this is not parquet at all PAR1"));
        var error = Assert.Throws<CorpusImportException>(() => ImportFile(_root.File("bad.parquet")));
        Assert.Equal(BadDocumentReason.UnreadableFile, error.Reason);
        Assert.Contains("not a readable Parquet file", error.Message);
    }

    [Fact]
    public void Import_StreamsGzipAndZstdJsonLines()
    {
        var jsonl = "{\"text\": \"First.\"}\n{\"text\": \"Second.\"}\n";
        File.WriteAllBytes(_root.File("a.jsonl.gz"), Gzip(jsonl));
        File.WriteAllBytes(_root.File("a.jsonl.zst"), Zstd(jsonl));
        var options = new CorpusImportOptions { TextField = "text" };
        Assert.Equal(["First.", "Second."], ImportFile(_root.File("a.jsonl.gz"), options).Documents.Select(d => d.Text));
        Assert.Equal(["First.", "Second."], ImportFile(_root.File("a.jsonl.zst"), options).Documents.Select(d => d.Text));
    }

    [Fact]
    public void Import_FailsReadably_WhenCompressedDataIsTruncated()
    {
        var zst = Zstd(string.Concat(Enumerable.Repeat("{\"text\": \"A story that repeats.\"}\n", 2000)));
        File.WriteAllBytes(_root.File("cut.jsonl.zst"), zst[..(zst.Length / 2)]);
        var error = Assert.Throws<CorpusImportException>(() =>
            ImportFile(_root.File("cut.jsonl.zst"), new CorpusImportOptions { TextField = "text" }));
        Assert.Equal(BadDocumentReason.Truncated, error.Reason);
    }

    [Fact]
    public void ImportShards_ReadsAGlobInNameOrder_RecordingShardAndRow()
    {
        Directory.CreateDirectory(_root.File("data"));
        WriteParquet(_root.File("data/train-00001-of-00002.parquet"), [["C."]], [[false]], [[3]]);
        WriteParquet(_root.File("data/train-00000-of-00002.parquet"), [["A.", "B."]], [[true, true]], [[1, 2]]);
        File.WriteAllText(_root.File("data/README.md"), "# not a shard");
        var sandbox = Sandbox();
        var shards = sandbox.ResolveShards("data/train-*.parquet", out var isSet);
        Assert.True(isSet);
        Assert.Equal(["train-00000-of-00002.parquet", "train-00001-of-00002.parquet"], shards.Select(s => s.Name));
        Assert.Equal(shards, sandbox.ResolveShards("data")); // the folder: corpus files only, README left out

        var documents = ImportShards(sandbox, shards, new CorpusImportOptions()).Documents;
        Assert.Equal(["A.", "B.", "C."], documents.Select(d => d.Text));
        Assert.Equal(["train-00000-of-00002.parquet", "train-00000-of-00002.parquet", "train-00001-of-00002.parquet"],
            documents.Select(d => d.Attributes![SourceAttributes.Shard]));
        Assert.Equal(["0", "1", "0"], documents.Select(d => d.Attributes![SourceAttributes.Row]));
    }

    [Fact]
    public void ImportShards_NamesShardAndRow_WhenADocumentIsBad_AndCountsThemWhenSkipping()
    {
        Directory.CreateDirectory(_root.File("mixed"));
        File.WriteAllBytes(_root.File("mixed/a.jsonl.gz"), Gzip("{\"text\": \"Fine.\"}\n"));
        File.WriteAllBytes(_root.File("mixed/b.jsonl.zst"), Zstd("{\"text\": \"Fine too.\"}\n{\"text\": \n{\"text\": \"\"}\n"));
        var sandbox = Sandbox();
        var shards = sandbox.ResolveShards("mixed");
        var error = Assert.Throws<CorpusImportException>(() =>
            ImportShards(sandbox, shards, new CorpusImportOptions { TextField = "text" }));
        Assert.StartsWith("shard b.jsonl.zst line 2:", error.Message);

        var (report, documents) = ImportShards(sandbox, shards,
            new CorpusImportOptions { TextField = "text", Policy = BadDocumentPolicy.Skip });
        Assert.Equal(["Fine.", "Fine too."], documents.Select(d => d.Text));
        Assert.Equal(2, report.Skipped);
        Assert.Equal(1, report.SkippedByReason[BadDocumentReason.InvalidJson]);
        Assert.Equal(1, report.SkippedByReason[BadDocumentReason.EmptyDocument]);
        Assert.Equal("shard b.jsonl.zst line 3", report.Examples[1].Location);
    }

    [Fact]
    public void ResolveShards_RefusesGlobsOutsideTheRootsAndWildcardFolders()
    {
        using var outside = new TempDirectory();
        File.WriteAllText(outside.File("a.jsonl"), "{\"story\": \"secret\"}\n");
        var sandbox = Sandbox();
        Assert.Empty(sandbox.ResolveShards(outside.File("*.jsonl")));
        Assert.Empty(sandbox.ResolveShards("../*/a.jsonl"));
        Assert.Empty(sandbox.ResolveShards("*/a.jsonl"));
        Assert.Empty(sandbox.ResolveShards("missing/*.parquet"));
    }

    private ImportSandbox Sandbox() => new(
        Options.Create(new ImportSandboxOptions { Roots = [_root.Path] }),
        Options.Create(new ArtifactStoreOptions { Path = _work.File("artifacts") }));

    private (CorpusImportReport Report, IReadOnlyList<CorpusDocument> Documents) ImportFile(
        string path, CorpusImportOptions? options = null)
    {
        var corpus = _work.File(Guid.NewGuid().ToString("N"));
        var report = CorpusFileImporter.ImportToDirectory(path, corpus, options);
        return (report, ReadAll(corpus));
    }

    private (CorpusImportReport Report, IReadOnlyList<CorpusDocument> Documents) ImportShards(
        ImportSandbox sandbox, IReadOnlyList<ImportShard> shards, CorpusImportOptions options)
    {
        var corpus = _work.File(Guid.NewGuid().ToString("N"));
        var report = CorpusShardImporter.ImportToDirectory(shards, sandbox, corpus, options);
        return (report, ReadAll(corpus));
    }

    private static IReadOnlyList<CorpusDocument> ReadAll(string corpus)
    {
        using var reader = CorpusReader.Open(corpus);
        return reader.Read(0, reader.Count);
    }

    /// <summary>A TinyStories-V2-like shard: text, a boolean feature and a number, one row group per group given.</summary>
    internal static void WriteParquet(string path, string[][] texts, bool[][] badEndings, double[][] words)
    {
        var text = new DataField<string>("text");
        var badEnding = new DataField<bool>("bad_ending");
        var wordCount = new DataField<double>("words");
        using var file = File.Create(path);
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(text, badEnding, wordCount), file)
            .GetAwaiter().GetResult();
        for (var g = 0; g < texts.Length; g++)
        {
            using var group = writer.CreateRowGroup();
            group.WriteAsync(text, texts[g]).GetAwaiter().GetResult();
            group.WriteAsync<bool>(badEnding, badEndings[g].AsMemory()).GetAwaiter().GetResult();
            group.WriteAsync<double>(wordCount, words[g].AsMemory()).GetAwaiter().GetResult();
        }
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    internal static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    internal static byte[] Zstd(string text)
    {
        using var output = new MemoryStream();
        using (var zstd = new CompressionStream(output, level: 3)) zstd.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }
}
