using Prebias.Core.Corpora.Sandbox;

namespace Prebias.Core.Corpora.Import;

/// <summary>
/// Imports a user corpus file (JSON array, JSONL, plain text, Parquet; JSON/text also as .gz or .zst; see <see cref="CorpusImportOptions"/>) by streaming it
/// into a <see cref="CorpusWriter"/>. Bad documents follow <see cref="CorpusImportOptions.Policy"/>; an import that
/// yields no documents always fails. Errors are <see cref="CorpusImportException"/>s with a readable message.
/// </summary>
public static class CorpusFileImporter
{
    private const int SniffBytes = 4096;

    /// <summary>Imports <paramref name="path"/> into a new corpus directory, completing it only when the import
    /// succeeds (on failure nothing is left there but what was there before).</summary>
    public static CorpusImportReport ImportToDirectory(string path, string corpusDirectory, CorpusImportOptions? options = null,
        CancellationToken ct = default)
    {
        using var writer = CorpusWriter.Create(corpusDirectory);
        var report = Import(path, writer, options, ct);
        return report with { Corpus = writer.Complete() };
    }

    /// <summary>Imports an opened input (e.g. from <see cref="ImportSandbox.OpenRead"/>) into a new corpus directory,
    /// with the same size limit and cancellation checks as a path.</summary>
    public static CorpusImportReport ImportToDirectory(Stream input, string? fileName, string corpusDirectory,
        CorpusImportOptions? options = null, CancellationToken ct = default)
    {
        using var writer = CorpusWriter.Create(corpusDirectory);
        using var guarded = new GuardedReadStream(input, (options ?? new CorpusImportOptions()).MaxInputBytes, ct);
        var report = Import(guarded, fileName, writer, options, ct);
        return report with { Corpus = writer.Complete() };
    }

    /// <summary>Imports <paramref name="path"/> into <paramref name="writer"/> (which the caller completes).</summary>
    public static CorpusImportReport Import(string path, CorpusWriter writer, CorpusImportOptions? options = null,
        CancellationToken ct = default)
    {
        if (!File.Exists(path))
            throw new CorpusImportException(BadDocumentReason.EmptyCorpus, path, "the file does not exist");
        // Only a regular file: a FIFO would block in open() and /dev/zero never ends; the guard enforces the size
        // limit and makes every read see the cancellation token.
        using var stream = new GuardedReadStream(RegularFile.OpenRead(path), (options ?? new CorpusImportOptions()).MaxInputBytes, ct);
        return Import(stream, Path.GetFileName(path), writer, options, ct);
    }

    /// <summary>Imports from a readable stream; <paramref name="fileName"/> (may be null) helps format detection.</summary>
    public static CorpusImportReport Import(Stream input, string? fileName, CorpusWriter writer, CorpusImportOptions? options = null,
        CancellationToken ct = default)
    {
        options ??= new CorpusImportOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDocumentChars, 1);
        var sink = new ImportSink(writer, options);
        ImportInto(input, fileName, sink, ct);
        sink.EnsureNotEmpty(fileName ?? "input");
        return sink.Report();
    }

    /// <summary>Reads one file's documents into a sink shared by every shard of an import. Compressed inputs are
    /// decompressed as they stream; Parquet needs a seekable input (its footer comes first).</summary>
    internal static void ImportInto(Stream input, string? fileName, ImportSink sink, CancellationToken ct)
    {
        var format = sink.Options.Format;
        try
        {
            using var decompressed = CompressedInput.Open(input, fileName, sink.Options.MaxInputBytes, ct);
            var buffered = new BufferedStream(decompressed ?? input, 1 << 16);
            if (format == CorpusFileFormat.Auto)
                format = CorpusFormatDetector.Detect(fileName, Peek(buffered, out var head) ? head : []);
            switch (format)
            {
                case CorpusFileFormat.Parquet when decompressed is not null || !input.CanSeek:
                    throw new CorpusImportException(BadDocumentReason.UnreadableFile, sink.Locate(""),
                        "a Parquet file must be a plain, seekable file (Parquet compresses its own pages)");
                case CorpusFileFormat.Parquet: ParquetDocumentReader.Read(input, sink, ct); break;
                case CorpusFileFormat.JsonArray: JsonArrayDocumentReader.Read(buffered, sink, ct); break;
                case CorpusFileFormat.JsonLines: JsonLinesDocumentReader.Read(buffered, sink, ct); break;
                default: PlainTextDocumentReader.Read(buffered, sink, ct); break;
            }
        }
        catch (Exception e) when (CompressedInput.IsCorruptData(e))
        {
            throw new CorpusImportException(BadDocumentReason.Truncated, sink.Locate(""),
                $"the compressed data is corrupt or truncated ({e.Message})", e);
        }
        catch (CorpusImportException e) when (sink.Shard is not null && !e.Location.StartsWith("shard ", StringComparison.Ordinal))
        {
            throw new CorpusImportException(e.Reason, $"shard {sink.Shard}", e.Message, e);
        }
    }

    /// <summary>Reads the first bytes without consuming them (BufferedStream cannot un-read, so seek when possible,
    /// else the head is unavailable and detection relies on the file name).</summary>
    private static bool Peek(Stream stream, out byte[] head)
    {
        head = [];
        if (!stream.CanSeek) return false;
        var start = stream.Position;
        var buffer = new byte[SniffBytes];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = start;
        head = buffer[..read];
        return true;
    }
}
