namespace Prebias.Core.Corpora.Import.ParquetPages;

/// <summary>parquet.thrift's <c>Encoding</c>, the values this reader tells apart.</summary>
internal enum ParquetEncoding
{
    Unknown = -1,
    Plain = 0,
    PlainDictionary = 2,
    Rle = 3,
    RleDictionary = 8,
}
