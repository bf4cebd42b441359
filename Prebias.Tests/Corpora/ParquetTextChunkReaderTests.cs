using Parquet;
using Parquet.Meta;
using Parquet.Schema;
using Prebias.Core.Corpora.Import.ParquetPages;

namespace Prebias.Tests.Corpora;

/// <summary>The page reader that imports read Parquet text with must give the same rows as Parquet.Net's own
/// reading, in every codec and encoding it claims, and must step aside (null) where it does not apply.</summary>
public sealed class ParquetTextChunkReaderTests : IDisposable
{
    private static readonly string?[] Texts =
    [
        "Once upon a time.", null, "", "Ünïcødé — 🙂 and \"quotes\"\n", new string('x', 5000), null, "The end.",
    ];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(CompressionMethod.None, true)]
    [InlineData(CompressionMethod.Snappy, true)]
    [InlineData(CompressionMethod.Gzip, true)]
    [InlineData(CompressionMethod.Zstd, true)]
    [InlineData(CompressionMethod.Snappy, false)]
    [InlineData(CompressionMethod.Gzip, false)]
    public async Task TryRead_GivesParquetNetsRows(CompressionMethod codec, bool nullable)
    {
        // Parquet.Net 6.1 writes strings PLAIN in v1 pages, whatever its dictionary threshold: the dictionary and
        // v2 pages (pyarrow's) are tested on chunks built by hand below.
        var field = new DataField<string>("text", nullable);
        var groups = Enumerable.Range(0, 2).Select(g => Enumerable.Range(0, 300)
            .Select(i => Texts[i % Texts.Length] is { } t ? $"{t} {i}" : nullable ? null : "-")
            .ToArray()).ToArray();
        var path = _dir.File($"{codec}-{nullable}.parquet");
        await using (var file = File.Create(path))
        {
            var options = new ParquetOptions { CompressionMethod = codec };
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), file, options);
            foreach (var rows in groups)
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(field, rows);
            }
        }

        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var expected = new string?[group.RowCount];
            await group.ReadAsync(field, expected.AsMemory());
            var read = ParquetTextChunkReader.TryRead(stream, group.GetMetadata(field), expected.Length,
                field.MaxDefinitionLevel);

            Assert.NotNull(read);
            Assert.Equal(nullable, read.Value.Nulls is not null);
            Assert.Equal(expected, AsStrings(read.Value));
            Assert.Equal(groups[g], expected);
        }
    }

    [Fact]
    public void TryRead_ReadsDataPagesV2_WithNullsAcrossPages()
    {
        // Parquet.Net writes only v1 pages, so this chunk is built by hand: rows "A.", null, "Ü" in one page,
        // "C." in the next; v2 keeps its definition levels outside the (here uncompressed) values.
        var chunk = new MemoryStream();
        WriteV2Page(chunk, definition: [0x03, 0b101], nulls: 1, ["A.", "Ü"]);
        WriteV2Page(chunk, definition: [0x02, 0x01], nulls: 0, ["C."]);
        var meta = ChunkOf(chunk, rows: 4);

        var read = ParquetTextChunkReader.TryRead(chunk, meta, 4, maxDefinitionLevel: 1);

        Assert.NotNull(read);
        Assert.Equal(new[] { "A.", null, "Ü", "C." }, AsStrings(read.Value));
    }

    [Fact]
    public void TryRead_ReadsDictionaryPages()
    {
        // pyarrow's layout: a PLAIN dictionary page, then v1 data pages of RLE_DICTIONARY indices. Rows: "B.", null,
        // "A.", "B." from the dictionary ["A.", "B."].
        var chunk = new MemoryStream();
        var dictionary = Plain(["A.", "B."]);
        WritePage(chunk, type: 2, dictionary.Length, headerField: 7, header =>
        {
            Int(header, 1, 2); // num_values
            Int(header, 1, 0); // PLAIN
        });
        chunk.Write(dictionary);
        byte[] body = [2, 0, 0, 0, 0x03, 0b1101, 1, 0x03, 0b101]; // levels' length, levels, bit width, indices
        WritePage(chunk, type: 0, body.Length, headerField: 5, header =>
        {
            Int(header, 1, 4); // num_values, nulls included
            Int(header, 1, 8); // RLE_DICTIONARY
            Int(header, 1, 3); // definition levels: RLE
            Int(header, 1, 3); // repetition levels: RLE
        });
        chunk.Write(body);

        var read = ParquetTextChunkReader.TryRead(chunk, ChunkOf(chunk, rows: 4), 4, maxDefinitionLevel: 1);

        Assert.NotNull(read);
        Assert.Equal(new[] { "B.", null, "A.", "B." }, AsStrings(read.Value));
    }

    [Fact]
    public void TryRead_StepsAside_OnAMalformedPage()
    {
        var chunk = new MemoryStream();
        WriteV2Page(chunk, definition: [0x03, 0b101], nulls: 1, ["A.", "Ü"]);
        var bytes = chunk.ToArray();
        bytes[^3] = 0xFF; // the last value's length now runs past the page
        var broken = new MemoryStream(bytes);

        Assert.Null(ParquetTextChunkReader.TryRead(broken, ChunkOf(broken, rows: 3), 3, maxDefinitionLevel: 1));
        Assert.Null(ParquetTextChunkReader.TryRead(chunk, ChunkOf(chunk, rows: 3), 3, maxDefinitionLevel: 2));
    }

    [Fact]
    public void RleBitPackedHybrid_DecodesTheSpecsExamples()
    {
        // parquet-format's Encodings.md: 0..7 bit-packed at width 3 is 0x88 0xC6 0xFA; then a run of five 4s.
        var values = new int[13];
        RleBitPackedHybrid.Decode([0x03, 0x88, 0xC6, 0xFA, 0x0A, 0x04], 3, values);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 4, 4, 4, 4, 4], values);
        Assert.Throws<InvalidDataException>(() => RleBitPackedHybrid.Decode([0x03, 0x88], 3, new int[8]));
    }

    private static string?[] AsStrings((ReadOnlyMemory<byte>[] Texts, bool[]? Nulls) read) =>
        read.Texts.Select((t, i) => read.Nulls?[i] == true ? null : System.Text.Encoding.UTF8.GetString(t.Span))
            .ToArray();

    private static ColumnChunk ChunkOf(MemoryStream chunk, int rows) => new()
    {
        MetaData = new ColumnMetaData
        {
            Type = Parquet.Meta.Type.BYTE_ARRAY, Codec = CompressionCodec.UNCOMPRESSED, NumValues = rows,
            DataPageOffset = 0, TotalCompressedSize = chunk.Length, TotalUncompressedSize = chunk.Length,
        },
    };

    /// <summary>A DATA_PAGE_V2 page: levels, then the PLAIN values, uncompressed.</summary>
    private static void WriteV2Page(Stream to, byte[] definition, int nulls, string[] values)
    {
        var body = definition.Concat(Plain(values)).ToArray();
        var rows = values.Length + nulls;
        WritePage(to, type: 3, body.Length, headerField: 8, header =>
        {
            Int(header, 1, rows);
            Int(header, 1, nulls);
            Int(header, 1, rows);
            Int(header, 1, 0); // PLAIN
            Int(header, 1, definition.Length);
            Int(header, 1, 0); // no repetition levels
            header.Add(1 << 4 | 2); // is_compressed: false
        });
        to.Write(body);
    }

    private static byte[] Plain(string[] values) => values.SelectMany(v =>
        BitConverter.GetBytes(System.Text.Encoding.UTF8.GetByteCount(v)).Concat(System.Text.Encoding.UTF8.GetBytes(v)))
        .ToArray();

    /// <summary>A page header in Thrift's compact protocol: type, both sizes (uncompressed, never compressed here),
    /// then the struct of that page type as field <paramref name="headerField"/>.</summary>
    private static void WritePage(Stream to, int type, int size, int headerField, Action<List<byte>> fields)
    {
        var header = new List<byte>();
        Int(header, 1, type);
        Int(header, 1, size);
        Int(header, 1, size);
        header.Add((byte)((headerField - 3) << 4 | 12));
        fields(header);
        header.Add(0);
        header.Add(0);
        to.Write(header.ToArray());
    }

    /// <summary>An i32 field <paramref name="delta"/> ids after the previous one, zigzag varint.</summary>
    private static void Int(List<byte> header, int delta, int value)
    {
        header.Add((byte)(delta << 4 | 5));
        Varint(header, (uint)(value << 1 ^ value >> 31));
    }

    private static void Varint(List<byte> to, uint value)
    {
        for (; value >= 0x80; value >>= 7) to.Add((byte)(value | 0x80));
        to.Add((byte)value);
    }
}
