using System.Buffers.Binary;

namespace Prebias.Core.Datasets;

/// <summary>
/// Writes a token store (<see cref="TokenStoreHeader"/> layout) row by row. Output goes to "{path}.tmp" and is renamed
/// to <c>path</c> by <see cref="Commit"/>; disposing without committing deletes the temp file, so a failed job never
/// leaves a half-written store. Same rows in, same bytes out.
/// </summary>
public sealed class TokenStoreWriter : IDisposable
{
    private readonly string _path, _tempPath;
    private readonly FileStream _stream;
    private readonly List<int> _lengths = [];
    private readonly byte[] _rowBuffer;
    private readonly TokenStoreHeader _shape;
    private bool _committed;

    /// <param name="path">Final file path.</param>
    /// <param name="rowLength">Tokens per row: maxSeqLen + 1 (inputs and shifted targets of one sample).</param>
    /// <param name="vocabSize">Decides uint16 (≤ 65535) or int32 storage.</param>
    /// <param name="padId">Value written after the real tokens.</param>
    public TokenStoreWriter(string path, int rowLength, int vocabSize, int padId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabSize, 1);
        if (padId < 0 || padId >= vocabSize) throw new ArgumentOutOfRangeException(nameof(padId), padId, "Pad id must be a vocabulary id.");
        _path = path;
        _tempPath = path + ".tmp";
        _shape = new TokenStoreHeader(TokenStoreHeader.ElementSizeFor(vocabSize), rowLength, padId, vocabSize, 0, 0);
        _rowBuffer = new byte[_shape.RowBytes];
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _stream = new FileStream(_tempPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        _stream.Write(new byte[TokenStoreHeader.Size]);
    }

    public long Count => _lengths.Count;

    /// <summary>Appends one row: the first RowLength tokens of <paramref name="tokens"/>, then padding.</summary>
    /// <returns>The stored (possibly truncated) length.</returns>
    public int Append(ReadOnlySpan<int> tokens)
    {
        var length = Math.Min(tokens.Length, _shape.RowLength);
        for (var t = 0; t < _shape.RowLength; t++)
        {
            var id = t < length ? tokens[t] : _shape.PadId;
            if ((uint)id >= (uint)_shape.VocabSize)
                throw new ArgumentOutOfRangeException(nameof(tokens), id, $"Token id outside the vocabulary (size {_shape.VocabSize}).");
            if (_shape.ElementSize == 2) BinaryPrimitives.WriteUInt16LittleEndian(_rowBuffer.AsSpan(t * 2), (ushort)id);
            else BinaryPrimitives.WriteInt32LittleEndian(_rowBuffer.AsSpan(t * 4), id);
        }
        _stream.Write(_rowBuffer);
        _lengths.Add(length);
        return length;
    }

    /// <summary>Writes lengths and header, flushes and atomically renames the file into place.</summary>
    public TokenStoreHeader Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        var header = _shape with { Count = _lengths.Count, LengthsOffset = _stream.Position };
        var lengthBytes = new byte[_lengths.Count * 4];
        for (var i = 0; i < _lengths.Count; i++) BinaryPrimitives.WriteInt32LittleEndian(lengthBytes.AsSpan(i * 4), _lengths[i]);
        _stream.Write(lengthBytes);
        var headerBytes = new byte[TokenStoreHeader.Size];
        header.Write(headerBytes);
        _stream.Position = 0;
        _stream.Write(headerBytes);
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_tempPath, _path, overwrite: true);
        _committed = true;
        return header;
    }

    public void Dispose()
    {
        if (_committed) return;
        _stream.Dispose();
        File.Delete(_tempPath);
    }
}
