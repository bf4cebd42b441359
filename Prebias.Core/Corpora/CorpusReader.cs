using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Prebias.Core.Corpora;

/// <summary>
/// Random access to a completed corpus directory (see <see cref="CorpusFolder"/>). Reads go through
/// <see cref="RandomAccess"/> on shared handles, so every method is safe to call from many threads at once
/// (e.g. one <see cref="ReadTexts"/> call per tokenization worker).
/// </summary>
public sealed class CorpusReader : IDisposable
{
    private readonly SafeFileHandle _documents;
    private readonly SafeFileHandle _index;

    private CorpusReader(CorpusSummary summary, SafeFileHandle documents, SafeFileHandle index)
    {
        Summary = summary;
        _documents = documents;
        _index = index;
    }

    /// <summary>Opens the corpus in <paramref name="directory"/>; fails if it was never completed or its files disagree.</summary>
    public static CorpusReader Open(string directory)
    {
        var manifest = Path.Combine(directory, CorpusFolder.Manifest);
        if (!File.Exists(manifest))
            throw new InvalidDataException(
                $"No completed corpus in '{directory}' ({CorpusFolder.Manifest} is missing).");
        var summary = JsonSerializer.Deserialize<CorpusSummary>(File.ReadAllBytes(manifest))
            ?? throw new InvalidDataException($"Empty {CorpusFolder.Manifest} in '{directory}'.");
        var documents = File.OpenHandle(Path.Combine(directory, CorpusFolder.Documents),
            options: FileOptions.RandomAccess);
        var index = File.OpenHandle(Path.Combine(directory, CorpusFolder.Index), options: FileOptions.RandomAccess);
        if (RandomAccess.GetLength(index) != (summary.DocumentCount + 1L) * sizeof(long)
            || RandomAccess.GetLength(documents) != summary.Bytes)
        {
            documents.Dispose();
            index.Dispose();
            throw new InvalidDataException($"Corpus files in '{directory}' do not match {CorpusFolder.Manifest}.");
        }
        return new CorpusReader(summary, documents, index);
    }

    public CorpusSummary Summary { get; }

    public int Count => Summary.DocumentCount;

    /// <summary>Documents [offset, offset + limit) clipped to the corpus, with attributes (the API's page).</summary>
    public IReadOnlyList<CorpusDocument> Read(int offset, int limit) =>
        ReadRange(offset, limit, withAttributes: true, (i, text, attrs) => new CorpusDocument(i, text, attrs));

    /// <summary>Texts only of documents [offset, offset + limit) clipped to the corpus (cheaper: no attribute dictionaries).</summary>
    public IReadOnlyList<string> ReadTexts(int offset, int limit) =>
        ReadRange(offset, limit, withAttributes: false, (_, text, _) => text);

    public CorpusDocument Get(int index) =>
        index >= 0 && index < Count ? Read(index, 1)[0] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Every document in order, read a page at a time.</summary>
    public IEnumerable<CorpusDocument> ReadAll(int pageSize = 1024)
    {
        for (var offset = 0; offset < Count; offset += pageSize)
            foreach (var document in Read(offset, pageSize))
                yield return document;
    }

    /// <summary>
    /// Consecutive text batches covering the corpus, read lazily. For parallel tokenization feed them to
    /// <c>Parallel.ForEach</c>, or split [0, Count) into ranges and call <see cref="ReadTexts"/> per worker.
    /// </summary>
    public IEnumerable<CorpusTextBatch> ReadTextBatches(int batchSize = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        for (var offset = 0; offset < Count; offset += batchSize)
            yield return new CorpusTextBatch(offset, ReadTexts(offset, batchSize));
    }

    public void Dispose()
    {
        _documents.Dispose();
        _index.Dispose();
    }

    private List<T> ReadRange<T>(int offset, int limit, bool withAttributes,
        Func<int, string, IReadOnlyDictionary<string, string>?, T> make)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var end = (int)Math.Min(Count, (long)offset + limit);
        var result = new List<T>(Math.Max(0, end - offset));
        if (end <= offset) return result;

        // Offsets offset..end (inclusive) bound the documents; one read fetches all their bytes.
        var offsets = new byte[(end - offset + 1) * sizeof(long)];
        ReadExactly(_index, offsets, (long)offset * sizeof(long));
        long OffsetAt(int k) => BinaryPrimitives.ReadInt64LittleEndian(offsets.AsSpan(k * sizeof(long)));
        var start = OffsetAt(0);
        var bytes = new byte[checked((int)(OffsetAt(end - offset) - start))];
        ReadExactly(_documents, bytes, start);

        for (var k = 0; k < end - offset; k++)
        {
            var line = bytes.AsSpan((int)(OffsetAt(k) - start), (int)(OffsetAt(k + 1) - OffsetAt(k)) - 1); // drop '\n'
            var (text, attributes) = CorpusDocumentCodec.Read(line, withAttributes);
            result.Add(make(offset + k, text, attributes));
        }
        return result;
    }

    private static void ReadExactly(SafeFileHandle handle, byte[] buffer, long position)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(done), position + done);
            if (read == 0) throw new InvalidDataException("Corpus file ended early.");
            done += read;
        }
    }
}
