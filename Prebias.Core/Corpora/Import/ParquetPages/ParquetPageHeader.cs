namespace Prebias.Core.Corpora.Import.ParquetPages;

/// <summary>
/// The parts of a Parquet page header (Thrift compact protocol, parquet.thrift's <c>PageHeader</c>) that reading
/// a byte-array column needs; everything else (statistics, CRC, index pages) is skipped. Parquet.Net keeps its own
/// Thrift reader internal, and its public reading API gives each value an array of its own, which is what
/// <see cref="ParquetTextChunkReader"/> exists to avoid.
/// </summary>
internal sealed record ParquetPageHeader(
    ParquetPageType Type, int UncompressedSize, int CompressedSize, int ValueCount, ParquetEncoding Encoding,
    ParquetEncoding DefinitionLevelEncoding, int DefinitionLevelsLength, int RepetitionLevelsLength, bool IsCompressed)
{
    /// <summary>Parses the header at <paramref name="offset"/>, which is advanced past it.</summary>
    public static ParquetPageHeader Read(ReadOnlySpan<byte> data, ref int offset)
    {
        var thrift = new ThriftCompactReader(data, offset);
        var type = ParquetPageType.Unknown;
        int uncompressed = 0, compressed = 0, values = 0, defLength = 0, repLength = 0;
        ParquetEncoding encoding = ParquetEncoding.Unknown, defEncoding = ParquetEncoding.Unknown;
        var isCompressed = true;
        var field = 0;
        while (thrift.NextField(ref field, out var kind))
            switch (field)
            {
                case 1: type = (ParquetPageType)thrift.ReadInt(); break;
                case 2: uncompressed = thrift.ReadInt(); break;
                case 3: compressed = thrift.ReadInt(); break;
                case 5: // DataPageHeader: num_values, encoding, definition_level_encoding, ...
                case 7: // DictionaryPageHeader: num_values, encoding, is_sorted
                {
                    var inner = 0;
                    while (thrift.NextField(ref inner, out var innerKind))
                        if (inner == 1) values = thrift.ReadInt();
                        else if (inner == 2) encoding = (ParquetEncoding)thrift.ReadInt();
                        else if (inner == 3 && field == 5) defEncoding = (ParquetEncoding)thrift.ReadInt();
                        else thrift.Skip(innerKind);
                    break;
                }
                case 8: // DataPageHeaderV2: num_values, num_nulls, num_rows, encoding, def/rep lengths, is_compressed
                {
                    var inner = 0;
                    defEncoding = ParquetEncoding.Rle;
                    while (thrift.NextField(ref inner, out var innerKind))
                        switch (inner)
                        {
                            case 1: values = thrift.ReadInt(); break;
                            case 4: encoding = (ParquetEncoding)thrift.ReadInt(); break;
                            case 5: defLength = thrift.ReadInt(); break;
                            case 6: repLength = thrift.ReadInt(); break;
                            case 7: isCompressed = thrift.ReadBool(innerKind); break;
                            default: thrift.Skip(innerKind); break;
                        }
                    break;
                }
                default: thrift.Skip(kind); break;
            }
        offset = thrift.Offset;
        return new ParquetPageHeader(type, uncompressed, compressed, values, encoding, defEncoding, defLength,
            repLength, isCompressed);
    }
}
