using Microsoft.Extensions.Options;
using Parquet;
using Parquet.Schema;
using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Import;
using Prebias.Core.Corpora.Sandbox;
using Prebias.Core.Storage;

namespace Prebias.Tests.Corpora;

/// <summary>The Parquet reader decodes the next row group while the current one is written: a bad row must still
/// name its shard and row (counted across row groups), and a cancellation must stop the import, leaving
/// nothing.</summary>
public sealed class ParquetRowGroupPrefetchTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly TempDirectory _work = new();

    public void Dispose()
    {
        _root.Dispose();
        _work.Dispose();
    }

    [Fact]
    public void ImportShards_NamesShardAndRow_WhenATextIsNull_InAnyRowGroup()
    {
        Directory.CreateDirectory(_root.File("data"));
        WriteNullableTexts(_root.File("data/a.parquet"), [["A.", null], ["B."], [null, "C."]]);
        var sandbox = new ImportSandbox(
            Options.Create(new ImportSandboxOptions { Roots = [_root.Path] }),
            Options.Create(new ArtifactStoreOptions { Path = _work.File("artifacts") }));
        var shards = sandbox.ResolveShards("data");

        // Fails on row 1 while row group 1 is being decoded in the background.
        var error = Assert.Throws<CorpusImportException>(() =>
            CorpusShardImporter.ImportToDirectory(shards, sandbox, _work.File("failed"), new CorpusImportOptions()));
        Assert.StartsWith("shard a.parquet row 1: \"text\" is null", error.Message);
        Assert.False(File.Exists(Path.Combine(_work.File("failed"), CorpusFolder.Manifest)));

        var skip = new CorpusImportOptions { Policy = BadDocumentPolicy.Skip };
        var report = CorpusShardImporter.ImportToDirectory(shards, sandbox, _work.File("skipped"), skip);
        Assert.Equal(2, report.Skipped);
        Assert.Equal(["shard a.parquet row 1", "shard a.parquet row 3"], report.Examples.Select(e => e.Location));
        using var reader = CorpusReader.Open(_work.File("skipped"));
        var documents = reader.Read(0, reader.Count);
        Assert.Equal(["A.", "B.", "C."], documents.Select(d => d.Text));
        Assert.Equal(["0", "2", "4"], documents.Select(d => d.Attributes![SourceAttributes.Row]));
    }

    [Fact]
    public void Import_StopsWithoutACorpus_WhenCancelledWhileTheNextRowGroupDecodes()
    {
        var texts = Enumerable.Range(0, 3)
            .Select(g => Enumerable.Range(0, 500).Select(i => (string?)$"Story {g}-{i}: {Guid.NewGuid()}").ToArray())
            .ToArray();
        WriteNullableTexts(_root.File("big.parquet"), texts);
        using var cts = new CancellationTokenSource();
        var length = new FileInfo(_root.File("big.parquet")).Length;
        // Random texts barely compress: row group 0 fills the first third of the file, so the first read past 30 %
        // decodes row group 1 (the footer, read first, sits past 90 %).
        var stream = new CancellingStream(File.OpenRead(_root.File("big.parquet")), length * 3 / 10, length * 9 / 10,
            cts);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            CorpusFileImporter.ImportToDirectory(stream, "big.parquet", _work.File("corpus"), ct: cts.Token));
        Assert.True(cts.IsCancellationRequested);
        Assert.Empty(Directory.GetFiles(_work.File("corpus")));
        Assert.False(stream.ReadAfterDispose, "the background decode read the file after it was closed");
    }

    [Fact]
    public async Task Import_RejectsInvalidUtf8Text_NamingTheRow_LikeTheOtherFormats()
    {
        // A BYTE_ARRAY text column without a string annotation: its bytes reach the corpus writer unchanged, so
        // invalid UTF-8 must be caught here (Parquet.Net itself would decode it with replacement characters).
        var text = new DataField<byte[]>("text");
        await using (var file = File.Create(_root.File("bytes.parquet")))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(text), file))
        using (var group = writer.CreateRowGroup())
            await group.WriteAsync(text, new[] { "Good."u8.ToArray(), [0x42, 0xC3, 0x28], "Also good."u8.ToArray() });

        using var input = File.OpenRead(_root.File("bytes.parquet"));
        var report = CorpusFileImporter.ImportToDirectory(input, "bytes.parquet", _work.File("corpus"),
            new CorpusImportOptions { Policy = BadDocumentPolicy.Skip });

        Assert.Equal(2, report.Imported);
        var example = Assert.Single(report.Examples);
        Assert.Equal(BadDocumentReason.InvalidUtf8, example.Reason);
        Assert.Equal("row 1", example.Location);
    }

    private static void WriteNullableTexts(string path, string?[][] groups)
    {
        var text = new DataField<string>("text", true);
        using var file = File.Create(path);
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(text), file).GetAwaiter().GetResult();
        foreach (var rows in groups)
        {
            using var group = writer.CreateRowGroup();
            group.WriteAsync(text, rows!).GetAwaiter().GetResult();
        }
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Cancels <paramref name="cts"/> at the first read that starts between two offsets.</summary>
    private sealed class CancellingStream(Stream inner, long from, long to, CancellationTokenSource cts) : Stream
    {
        private bool _disposed;

        public bool ReadAfterDispose { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_disposed) ReadAfterDispose = true;
            if (inner.Position >= from && inner.Position < to) cts.Cancel();
            return inner.Read(buffer);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken token) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _disposed = true;
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
