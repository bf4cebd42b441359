namespace Prebias.Core.Corpora.Import;

/// <summary>The attributes a folder or glob import adds to each document, so any document traces back to its file.</summary>
public static class SourceAttributes
{
    /// <summary>The shard a document came from (its file name inside the imported folder).</summary>
    public const string Shard = "source_shard";

    /// <summary>The zero-based row (Parquet), line (JSONL), element (JSON) or document (text) within its shard.</summary>
    public const string Row = "source_row";
}
