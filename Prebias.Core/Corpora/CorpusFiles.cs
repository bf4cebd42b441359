namespace Prebias.Core.Corpora;

/// <summary>
/// File names of the on-disk corpus format. A corpus is a directory holding:
/// <list type="bullet">
/// <item><c>documents.jsonl</c>: one compact JSON object per line, <c>{"text":"...","attributes":{...}}</c> (UTF-8, '\n').</item>
/// <item><c>documents.idx</c>: little-endian int64 byte offsets into documents.jsonl, Count + 1 of them
/// (the last is the file length), so document i spans [offset[i], offset[i+1]) and paging is O(limit).</item>
/// <item><c>corpus.json</c>: the <see cref="CorpusSummary"/> (count, bytes, sha256), written last.</item>
/// </list>
/// </summary>
public static class CorpusFiles
{
    public const string Documents = "documents.jsonl";
    public const string Index = "documents.idx";
    public const string Manifest = "corpus.json";

    /// <summary>Suffix of the files being written; they are renamed into place by <see cref="CorpusWriter.Complete"/>.</summary>
    public const string TempSuffix = ".tmp";
}
