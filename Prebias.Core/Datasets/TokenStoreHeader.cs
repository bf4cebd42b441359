using System.Buffers.Binary;

namespace Prebias.Core.Datasets;

/// <summary>
/// The 64-byte little-endian header of a token store file:
/// <code>
/// 0  "PBTOKST1"        8 bytes magic
/// 8  int32 version     (1)
/// 12 int32 elementSize 2 = uint16 tokens, 4 = int32 tokens
/// 16 int32 rowLength   maxSeqLen + 1
/// 20 int32 padId       value of padding positions (excluded from the loss via the row lengths)
/// 24 int32 vocabSize
/// 28 int32 reserved    0
/// 32 int64 count       rows
/// 40 int64 lengthsOffset  byte offset of int32[count] real lengths (BOS + tokens + EOS, after truncation)
/// 48 16 reserved bytes 0
/// </code>
/// Rows start at byte 64: row i at 64 + i * rowLength * elementSize.
/// </summary>
public sealed record TokenStoreHeader(int ElementSize, int RowLength, int PadId, int VocabSize, long Count, long LengthsOffset)
{
    public const int Size = 64;
    public const int Version = 1;
    private static ReadOnlySpan<byte> Magic => "PBTOKST1"u8;

    /// <summary>2 (uint16) when every id fits, else 4 (int32).</summary>
    public static int ElementSizeFor(int vocabSize) => vocabSize <= 65535 ? 2 : 4;

    public long RowBytes => (long)RowLength * ElementSize;

    public void Write(Span<byte> destination)
    {
        destination[..Size].Clear();
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], ElementSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], RowLength);
        BinaryPrimitives.WriteInt32LittleEndian(destination[20..], PadId);
        BinaryPrimitives.WriteInt32LittleEndian(destination[24..], VocabSize);
        BinaryPrimitives.WriteInt64LittleEndian(destination[32..], Count);
        BinaryPrimitives.WriteInt64LittleEndian(destination[40..], LengthsOffset);
    }

    public static TokenStoreHeader Read(ReadOnlySpan<byte> source, long fileLength)
    {
        if (source.Length < Size || !source[..8].SequenceEqual(Magic))
            throw new InvalidDataException("Not a Prebias token store (bad magic).");
        var version = BinaryPrimitives.ReadInt32LittleEndian(source[8..]);
        if (version != Version) throw new InvalidDataException($"Unsupported token store version {version}.");
        var header = new TokenStoreHeader(
            BinaryPrimitives.ReadInt32LittleEndian(source[12..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[20..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[32..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[40..]));
        if (header.ElementSize is not (2 or 4) || header.RowLength <= 0 || header.Count < 0
            || header.LengthsOffset != Size + header.Count * header.RowBytes
            || fileLength != header.LengthsOffset + header.Count * 4)
            throw new InvalidDataException("Token store header does not match the file (truncated or corrupt).");
        return header;
    }
}
