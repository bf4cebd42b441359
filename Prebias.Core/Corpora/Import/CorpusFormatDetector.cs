namespace Prebias.Core.Corpora.Import;

/// <summary>Picks a <see cref="CorpusFileFormat"/> from the file name, then from the first non-blank byte.</summary>
public static class CorpusFormatDetector
{
    /// <summary>.parquet or the PAR1 magic: Parquet; .jsonl/.ndjson: JSONL (also under .gz or .zst); .txt: plain text; otherwise (.json included) '[' means a JSON array,
    /// '{' JSONL, anything else plain text. <paramref name="head"/> is the start of the file (a BOM is allowed).</summary>
    public static CorpusFileFormat Detect(string? fileName, ReadOnlySpan<byte> head)
    {
        var extension = Path.GetExtension(CompressedInput.InnerName(fileName) ?? "").ToLowerInvariant();
        if (extension == ".parquet" || head.StartsWith("PAR1"u8)) return CorpusFileFormat.Parquet;
        if (extension is ".jsonl" or ".ndjson") return CorpusFileFormat.JsonLines;
        if (extension == ".txt") return CorpusFileFormat.PlainText;
        if (head.StartsWith("\uFEFF"u8)) head = head[3..];
        var first = head.TrimStart(" \t\r\n"u8);
        if (first.IsEmpty) return extension == ".json" ? CorpusFileFormat.JsonArray : CorpusFileFormat.PlainText;
        return first[0] switch
        {
            (byte)'[' => CorpusFileFormat.JsonArray,
            (byte)'{' => CorpusFileFormat.JsonLines,
            _ => CorpusFileFormat.PlainText,
        };
    }
}
