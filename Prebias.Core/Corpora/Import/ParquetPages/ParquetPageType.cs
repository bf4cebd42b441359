namespace Prebias.Core.Corpora.Import.ParquetPages;

/// <summary>parquet.thrift's <c>PageType</c>.</summary>
internal enum ParquetPageType
{
    Unknown = -1,
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}
