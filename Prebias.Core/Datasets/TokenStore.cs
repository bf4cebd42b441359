using System.IO.MemoryMappedFiles;

namespace Prebias.Core.Datasets;

/// <summary>
/// Read-only, memory-mapped view of a token store written by <see cref="TokenStoreWriter"/>: <see cref="Count"/> rows
/// of <see cref="RowLength"/> tokens (BOS + text tokens + EOS, then padding) and each row's real length. Thread-safe.
/// Assumes a little-endian host (x64/arm64), like the writer.
/// </summary>
public sealed unsafe class TokenStore : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;

    private TokenStore(MemoryMappedFile file, MemoryMappedViewAccessor view, TokenStoreHeader header)
    {
        _file = file;
        _view = view;
        Header = header;
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset;
    }

    public TokenStoreHeader Header { get; }
    public long Count => Header.Count;
    public int RowLength => Header.RowLength;
    public int PadId => Header.PadId;
    public int VocabSize => Header.VocabSize;

    public static TokenStore Open(string path)
    {
        var fileLength = new FileInfo(path).Length;
        if (fileLength < TokenStoreHeader.Size) throw new InvalidDataException($"Not a Prebias token store (file too short): {path}");
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        try
        {
            var buffer = new byte[TokenStoreHeader.Size];
            view.ReadArray(0, buffer, 0, buffer.Length);
            return new TokenStore(file, view, TokenStoreHeader.Read(buffer, fileLength));
        }
        catch
        {
            view.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>Real length of row <paramref name="index"/> (BOS + tokens + EOS, after truncation); positions beyond are padding.</summary>
    public int GetLength(long index)
    {
        CheckIndex(index);
        return *(int*)(_base + Header.LengthsOffset + index * 4);
    }

    /// <summary>Copies row <paramref name="index"/> (padding included) into <paramref name="destination"/> (length ≥ RowLength).</summary>
    public void CopyRow(long index, Span<int> destination)
    {
        CheckIndex(index);
        var row = _base + TokenStoreHeader.Size + index * Header.RowBytes;
        if (Header.ElementSize == 4) new ReadOnlySpan<int>(row, RowLength).CopyTo(destination);
        else
        {
            var source = new ReadOnlySpan<ushort>(row, RowLength);
            for (var t = 0; t < source.Length; t++) destination[t] = source[t];
        }
    }

    /// <summary>Row <paramref name="index"/> as a new array (padding included).</summary>
    public int[] Read(long index)
    {
        var row = new int[RowLength];
        CopyRow(index, row);
        return row;
    }

    /// <summary>Row <paramref name="index"/> without padding.</summary>
    public int[] ReadTokens(long index) => Read(index)[..GetLength(index)];

    /// <summary>
    /// Copies rows into a (B, RowLength) row-major int64 buffer, e.g. for <c>torch.tensor(buffer, [B, T+1])</c>, and
    /// their real lengths into <paramref name="lengths"/> (B) for the loss mask.
    /// </summary>
    public void CopyBatch(ReadOnlySpan<long> indices, Span<long> destination, Span<int> lengths)
    {
        if (destination.Length < indices.Length * RowLength || lengths.Length < indices.Length)
            throw new ArgumentException("Destination buffers are too small for the batch.");
        for (var b = 0; b < indices.Length; b++)
        {
            var index = indices[b];
            CheckIndex(index);
            var row = _base + TokenStoreHeader.Size + index * Header.RowBytes;
            var target = destination.Slice(b * RowLength, RowLength);
            if (Header.ElementSize == 2)
            {
                var source = new ReadOnlySpan<ushort>(row, RowLength);
                for (var t = 0; t < source.Length; t++) target[t] = source[t];
            }
            else
            {
                var source = new ReadOnlySpan<int>(row, RowLength);
                for (var t = 0; t < source.Length; t++) target[t] = source[t];
            }
            lengths[b] = *(int*)(_base + Header.LengthsOffset + index * 4);
        }
    }

    private void CheckIndex(long index)
    {
        if ((ulong)index >= (ulong)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"Store has {Count} rows.");
    }

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
