namespace Prebias.Core.Corpora.Import.ParquetPages;

/// <summary>Unsigned LEB128 varints, as both Thrift's compact protocol and the RLE/bit-packed hybrid store them.</summary>
internal static class Varint
{
    /// <summary>Reads the varint at <paramref name="at"/>, which is advanced past it; throws
    /// <see cref="InvalidDataException"/> when the data ends first or the varint is longer than 10 bytes.</summary>
    public static ulong Read(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= data.Length) throw new InvalidDataException("a varint runs past the end of its page");
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("a varint is longer than 10 bytes");
    }
}
