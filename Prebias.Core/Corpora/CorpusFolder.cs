using Prebias.Core.Domain;
using Prebias.Core.Storage;

namespace Prebias.Core.Corpora;

/// <summary>
/// The corpus folder (<c>corpora/{id}</c>) in one place: the files it holds, and the only ways to write and open
/// one in the artifact store. A corpus folder holds:
/// <list type="bullet">
/// <item><c>documents.jsonl</c>: one compact JSON object per line,
/// <c>{"text":"...","attributes":{...}}</c> (UTF-8, '\n').</item>
/// <item><c>documents.idx</c>: little-endian int64 byte offsets into documents.jsonl, Count + 1 of them
/// (the last is the file length), so document i spans [offset[i], offset[i+1]) and paging is O(limit).</item>
/// <item><c>corpus.json</c>: the <see cref="CorpusSummary"/> (count, bytes, sha256), written last.</item>
/// </list>
/// The folder is written whole (<see cref="IArtifactStore.WriteFolderAsync{T}"/>), so a corpus is either all there
/// or absent; inputs a retried import can resume from (downloads) sit in a scratch folder beside it.
/// </summary>
public static class CorpusFolder
{
    public const string Documents = "documents.jsonl";
    public const string Index = "documents.idx";
    public const string Manifest = "corpus.json";

    /// <summary>
    /// Suffix of the files being written; <see cref="CorpusWriter.Complete"/> renames them into place.
    /// </summary>
    public const string TempSuffix = ".tmp";

    /// <summary>Suffix of the scratch folder holding a URL or TinyStories import's download.</summary>
    public const string DownloadSuffix = ".download";

    /// <summary>Writes the whole corpus folder: <paramref name="write"/> fills an empty local folder.</summary>
    public static Task<T> WriteAsync<T>(IArtifactStore store, CorpusRecord corpus, Func<string, Task<T>> write) =>
        store.WriteFolderAsync(corpus.ArtifactKey, write);

    /// <summary>Opens a completed corpus (random-access reads of its files, hence a local path).</summary>
    public static CorpusReader Open(IArtifactStore store, CorpusRecord corpus) => Open(store, corpus.ArtifactKey);

    /// <inheritdoc cref="Open(IArtifactStore, CorpusRecord)"/>
    public static CorpusReader Open(IArtifactStore store, string corpusKey) =>
        CorpusReader.Open(store.GetPathForMappedRead(corpusKey));

    /// <summary>The local scratch folder for the import's download, kept across retries until it is done.</summary>
    public static string DownloadFolder(IArtifactStore store, CorpusRecord corpus) =>
        store.GetScratchPath(corpus.ArtifactKey + DownloadSuffix);
}
