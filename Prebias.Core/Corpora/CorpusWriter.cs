using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;

namespace Prebias.Core.Corpora;

/// <summary>
/// Streams documents into a corpus directory (format: <see cref="CorpusFolder"/>). Everything is written to
/// <c>*.tmp</c> files and renamed into place by <see cref="Complete"/>; the manifest goes last, so a directory
/// with a <c>corpus.json</c> is always a whole corpus. Disposing without completing deletes the temp files.
/// Not thread-safe: one producer writes in order.
/// </summary>
public sealed class CorpusWriter : IDisposable
{
    private readonly string _directory;
    private readonly FileStream _documents;
    private readonly FileStream _index;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly byte[] _offset = new byte[sizeof(long)];
    private bool _completed;
    private bool _disposed;

    private CorpusWriter(string directory)
    {
        _directory = directory;
        _documents = OpenTemp(CorpusFolder.Documents);
        _index = OpenTemp(CorpusFolder.Index);
        _json = CorpusDocumentCodec.CreateWriter(_line);
    }

    /// <summary>Starts a corpus in <paramref name="directory"/> (created if missing; a previous corpus there is replaced on Complete).</summary>
    public static CorpusWriter Create(string directory)
    {
        Directory.CreateDirectory(directory);
        return new CorpusWriter(directory);
    }

    /// <summary>Documents written so far; also the index the next document gets.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes of documents.jsonl written so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>Appends one document and returns its index.</summary>
    public int Write(string text, IReadOnlyDictionary<string, string>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (attributes is not { Count: > 0 }) return Write(text.AsSpan(), []);
        var sorted = attributes.ToArray();
        sorted.AsSpan().Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return Write(text.AsSpan(), sorted);
    }

    /// <summary>Appends one document and returns its index; importers hand over text and attributes without a
    /// string or a dictionary per document.</summary>
    /// <param name="sortedAttributes">Keys unique and in ordinal order (the order the line stores them in).</param>
    public int Write(ReadOnlySpan<char> text, ReadOnlySpan<KeyValuePair<string, string>> sortedAttributes)
    {
        CorpusDocumentCodec.Write(StartLine(), text, sortedAttributes);
        return EndLine();
    }

    /// <summary><see cref="Write(ReadOnlySpan{char}, ReadOnlySpan{KeyValuePair{string, string}})"/> for valid UTF-8
    /// text (Parquet's), written without decoding it.</summary>
    public int WriteUtf8(ReadOnlySpan<byte> text, ReadOnlySpan<KeyValuePair<string, string>> sortedAttributes)
    {
        CorpusDocumentCodec.WriteUtf8(StartLine(), text, sortedAttributes);
        return EndLine();
    }

    private Utf8JsonWriter StartLine()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) throw new InvalidOperationException("The corpus is already complete.");
        _line.ResetWrittenCount();
        _json.Reset(_line); // one JSON writer for every line, not one per document
        return _json;
    }

    private int EndLine()
    {
        _json.Flush();
        _line.GetSpan(1)[0] = (byte)'\n';
        _line.Advance(1);

        WriteOffset(Bytes);
        _documents.Write(_line.WrittenSpan);
        _sha256.AppendData(_line.WrittenSpan);
        Bytes += _line.WrittenCount;
        return Count++;
    }

    /// <summary>Flushes, renames the files into place, writes corpus.json and returns the summary.</summary>
    public CorpusSummary Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) throw new InvalidOperationException("The corpus is already complete.");
        WriteOffset(Bytes); // the end offset: document i spans [offset[i], offset[i+1])
        _documents.Flush(flushToDisk: true);
        _index.Flush(flushToDisk: true);
        _documents.Dispose();
        _index.Dispose();

        var summary = new CorpusSummary(Count, Bytes, Convert.ToHexStringLower(_sha256.GetHashAndReset()));
        File.Delete(PathOf(CorpusFolder.Manifest)); // a replaced corpus stops being "complete" before its files change
        MoveIntoPlace(CorpusFolder.Documents);
        MoveIntoPlace(CorpusFolder.Index);
        var manifestTemp = PathOf(CorpusFolder.Manifest) + CorpusFolder.TempSuffix;
        File.WriteAllBytes(manifestTemp, JsonSerializer.SerializeToUtf8Bytes(summary));
        MoveIntoPlace(CorpusFolder.Manifest);
        _completed = true;
        return summary;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _documents.Dispose();
        _index.Dispose();
        _json.Dispose();
        _sha256.Dispose();
        if (_completed) return;
        File.Delete(PathOf(CorpusFolder.Documents) + CorpusFolder.TempSuffix);
        File.Delete(PathOf(CorpusFolder.Index) + CorpusFolder.TempSuffix);
    }

    private void WriteOffset(long offset)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_offset, offset);
        _index.Write(_offset);
    }

    private string PathOf(string name) => Path.Combine(_directory, name);

    private FileStream OpenTemp(string name) =>
        new(PathOf(name) + CorpusFolder.TempSuffix, FileMode.Create, FileAccess.Write, FileShare.None,
            bufferSize: 1 << 16);

    private void MoveIntoPlace(string name) =>
        File.Move(PathOf(name) + CorpusFolder.TempSuffix, PathOf(name), overwrite: true);
}
