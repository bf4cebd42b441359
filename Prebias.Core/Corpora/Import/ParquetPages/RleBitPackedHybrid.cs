namespace Prebias.Core.Corpora.Import.ParquetPages;

/// <summary>
/// Parquet's RLE / bit-packed hybrid encoding (definition levels and dictionary indices): runs of a repeated value,
/// and groups of eight values packed at <c>bitWidth</c> bits, least significant bit first.
/// </summary>
internal static class RleBitPackedHybrid
{
    /// <summary>Decodes <paramref name="output"/>.Length values from <paramref name="data"/>; throws
    /// <see cref="InvalidDataException"/> when the data ends first.</summary>
    public static void Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if (bitWidth is < 0 or > 32) throw new InvalidDataException($"bit width {bitWidth} is out of range");
        var byteWidth = (bitWidth + 7) / 8;
        int at = 0, filled = 0;
        while (filled < output.Length)
        {
            var header = Varint.Read(data, ref at);
            // The low bit tells the run's kind: 1 for eight-value groups bit-packed, 0 for one value repeated.
            if ((header & 1) == 1)
            {
                var values = checked((int)(header >> 1) * 8);
                var bytes = checked((int)(header >> 1) * bitWidth);
                if (at + bytes > data.Length) throw new InvalidDataException("a bit-packed run ends past its page");
                var take = Math.Min(values, output.Length - filled);
                Unpack(data.Slice(at, bytes), bitWidth, output.Slice(filled, take));
                at += bytes;
                filled += take;
            }
            else
            {
                var run = checked((int)(header >> 1));
                if (at + byteWidth > data.Length) throw new InvalidDataException("an RLE run ends past its page");
                var value = 0;
                for (var b = 0; b < byteWidth; b++) value |= data[at + b] << (8 * b);
                at += byteWidth;
                var take = Math.Min(run, output.Length - filled);
                output.Slice(filled, take).Fill(value);
                filled += take;
            }
        }
    }

    private static void Unpack(ReadOnlySpan<byte> packed, int bitWidth, Span<int> output)
    {
        var mask = bitWidth == 32 ? -1L : (1L << bitWidth) - 1;
        for (var i = 0; i < output.Length; i++)
        {
            var bit = (long)i * bitWidth;
            long word = 0;
            // At most five bytes hold one value of up to 32 bits at any bit offset.
            var first = (int)(bit >> 3);
            for (var b = 0; b < 5 && first + b < packed.Length; b++) word |= (long)packed[first + b] << (8 * b);
            output[i] = (int)((word >> (int)(bit & 7)) & mask);
        }
    }
}
