using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using Parquet.Meta;
using ZstdSharp;

namespace Prebias.Core.Corpora.Import.ParquetPages;

/// <summary>
/// Reads a row group's text column (a flat BYTE_ARRAY column) straight from its pages: each value is a slice of its
/// decompressed page, where Parquet.Net's reading API allocates an array per value (about 100 MB of garbage per
/// 100k stories, and the collections that go with it). It covers what Hugging Face shards and common writers
/// produce: PLAIN and dictionary-encoded (PLAIN_DICTIONARY, RLE_DICTIONARY) values in data pages v1 and v2,
/// uncompressed, Snappy, gzip or zstd, required or optional. Anything else (another codec, encryption, repetition,
/// a malformed page) returns null, and the caller reads the chunk with Parquet.Net, which reports its own errors.
/// </summary>
internal static class ParquetTextChunkReader
{
    /// <returns>Each row's text (default where null) and which rows are null (null when the column is required);
    /// null when this reader does not cover the chunk.</returns>
    public static (ReadOnlyMemory<byte>[] Texts, bool[]? Nulls)? TryRead(Stream file, ColumnChunk? chunk, int rows,
        int maxDefinitionLevel)
    {
        var meta = chunk?.MetaData;
        if (meta is null || chunk!.CryptoMetadata is not null || meta.Type != Parquet.Meta.Type.BYTE_ARRAY
            || maxDefinitionLevel > 1 || meta.NumValues != rows || !IsCovered(meta.Codec))
            return null;
        try
        {
            return Read(file, meta, rows, maxDefinitionLevel);
        }
        catch (Exception e) when (e is InvalidDataException or IndexOutOfRangeException or ArgumentException
                                      or OverflowException or EndOfStreamException or NotCoveredException
                                      or ZstdException)
        {
            return null;
        }
    }

    private static bool IsCovered(CompressionCodec codec) => codec is CompressionCodec.UNCOMPRESSED
        or CompressionCodec.SNAPPY or CompressionCodec.GZIP or CompressionCodec.ZSTD;

    private static (ReadOnlyMemory<byte>[], bool[]?) Read(Stream file, ColumnMetaData meta, int rows,
        int maxDefinitionLevel)
    {
        var start = meta.DictionaryPageOffset is > 0 and var d && d < meta.DataPageOffset ? d
            : meta.DataPageOffset;
        if (start < 0 || meta.TotalCompressedSize < 0 || meta.TotalCompressedSize > file.Length - start)
            throw new InvalidDataException("the column chunk lies outside the file");
        var chunk = new byte[checked((int)meta.TotalCompressedSize)];
        file.Seek(start, SeekOrigin.Begin);
        file.ReadExactly(chunk);

        var texts = new ReadOnlyMemory<byte>[rows];
        var nulls = maxDefinitionLevel == 0 ? null : new bool[rows];
        ReadOnlyMemory<byte>[]? dictionary = null;
        int offset = 0, row = 0;
        while (row < rows)
        {
            var header = ParquetPageHeader.Read(chunk, ref offset);
            // Sizes and counts come from the file: check them before they size an allocation.
            if (header.CompressedSize < 0 || header.UncompressedSize < 0
                || header.UncompressedSize > meta.TotalUncompressedSize)
                throw new InvalidDataException("a page's sizes do not fit its column chunk");
            var body = chunk.AsMemory(offset, header.CompressedSize);
            offset += header.CompressedSize;
            switch (header.Type)
            {
                case ParquetPageType.DictionaryPage:
                    if (header.Encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary))
                        throw new NotCoveredException();
                    if (header.ValueCount < 0 || header.ValueCount > header.UncompressedSize / 4)
                        throw new InvalidDataException("a dictionary holds more values than its page can");
                    dictionary = new ReadOnlyMemory<byte>[header.ValueCount];
                    ReadPlain(Decompress(meta.Codec, body, header.UncompressedSize), dictionary);
                    break;
                case ParquetPageType.DataPage:
                {
                    var page = Decompress(meta.Codec, body, header.UncompressedSize);
                    var levels = ReadOnlyMemory<byte>.Empty;
                    if (maxDefinitionLevel > 0)
                    {
                        // v1 levels come inside the compressed page, prefixed with their length.
                        if (header.DefinitionLevelEncoding != ParquetEncoding.Rle) throw new NotCoveredException();
                        var length = BinaryPrimitives.ReadInt32LittleEndian(page.Span);
                        levels = page.Slice(4, length);
                        page = page[(4 + length)..];
                    }
                    row = Fill(header, levels, page, dictionary, texts, nulls, row);
                    break;
                }
                case ParquetPageType.DataPageV2:
                {
                    // v2 levels come first and are never compressed; only the values after them may be.
                    if (header.RepetitionLevelsLength != 0) throw new NotCoveredException();
                    var levels = body[..header.DefinitionLevelsLength];
                    var values = body[header.DefinitionLevelsLength..];
                    var page = header.IsCompressed
                        ? Decompress(meta.Codec, values, header.UncompressedSize - header.DefinitionLevelsLength)
                        : values;
                    row = Fill(header, levels, page, dictionary, texts, nulls, row);
                    break;
                }
                default: break; // index pages carry no values
            }
        }
        return (texts, nulls);
    }

    /// <summary>Fills the page's rows from <paramref name="row"/> on and returns the row after them.</summary>
    private static int Fill(ParquetPageHeader header, ReadOnlyMemory<byte> levels, ReadOnlyMemory<byte> page,
        ReadOnlyMemory<byte>[]? dictionary, ReadOnlyMemory<byte>[] texts, bool[]? nulls, int row)
    {
        var count = header.ValueCount;
        if (count < 0 || row + count > texts.Length)
            throw new InvalidDataException("a page holds more rows than its row group");
        var values = new ReadOnlyMemory<byte>[count];
        var present = count;
        int[]? definition = null;
        if (nulls is not null)
        {
            definition = new int[count];
            RleBitPackedHybrid.Decode(levels.Span, 1, definition);
            present = 0;
            foreach (var level in definition) present += level;
        }
        var packed = values.AsSpan(0, present);
        switch (header.Encoding)
        {
            case ParquetEncoding.Plain:
                ReadPlain(page, packed);
                break;
            case ParquetEncoding.PlainDictionary or ParquetEncoding.RleDictionary when dictionary is not null:
            {
                var indices = new int[present];
                if (present > 0) RleBitPackedHybrid.Decode(page.Span[1..], page.Span[0], indices);
                for (var i = 0; i < present; i++) packed[i] = dictionary[indices[i]];
                break;
            }
            default: throw new NotCoveredException();
        }
        if (definition is null)
            packed.CopyTo(texts.AsSpan(row, count));
        else
            for (int i = 0, next = 0; i < count; i++)
                if (definition[i] == 0) nulls![row + i] = true;
                else texts[row + i] = packed[next++];
        return row + count;
    }

    /// <summary>PLAIN byte arrays: a 4-byte little-endian length, then the bytes, per value.</summary>
    private static void ReadPlain(ReadOnlyMemory<byte> page, Span<ReadOnlyMemory<byte>> values)
    {
        var at = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(page.Span.Slice(at, 4));
            values[i] = page.Slice(at + 4, length);
            at += 4 + length;
        }
    }

    private static ReadOnlyMemory<byte> Decompress(CompressionCodec codec, ReadOnlyMemory<byte> body, int size)
    {
        if (codec == CompressionCodec.UNCOMPRESSED) return body;
        var output = new byte[size];
        var written = codec switch
        {
            CompressionCodec.SNAPPY => Snappier.Snappy.Decompress(body.Span, output),
            CompressionCodec.ZSTD => Unzstd(body, output),
            CompressionCodec.GZIP => Gunzip(body, output),
            _ => throw new NotCoveredException(),
        };
        if (written != size) throw new InvalidDataException("a page decompresses to another size than its header's");
        return output;
    }

    private static int Unzstd(ReadOnlyMemory<byte> body, byte[] output)
    {
        using var zstd = new Decompressor(); // holds native-sized buffers: freed now, not by the finalizer
        return zstd.Unwrap(body.Span, output);
    }

    private static int Gunzip(ReadOnlyMemory<byte> body, byte[] output)
    {
        // The body is a slice of the chunk's array: the stream reads it in place rather than from a copy.
        var input = MemoryMarshal.TryGetArray(body, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(body.ToArray());
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        gzip.ReadExactly(output);
        return output.Length;
    }

    /// <summary>The chunk uses something this reader leaves to Parquet.Net.</summary>
    private sealed class NotCoveredException : Exception;
}
