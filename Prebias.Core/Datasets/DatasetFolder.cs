using Prebias.Core.Domain;
using Prebias.Core.Storage;

namespace Prebias.Core.Datasets;

/// <summary>
/// The dataset folder (<c>datasets/{id}</c>) in one place: its token store, written whole by the build, and the
/// only ways to write and open it in the artifact store. Files derived later from a Ready dataset (the reference
/// trigram model of <c>SampleMetrics</c>) are written beside it, each atomically through the store.
/// </summary>
public static class DatasetFolder
{
    /// <summary>The pretokenized samples (<see cref="TokenStoreHeader"/> layout), memory-mapped by readers.</summary>
    public const string Tokens = "tokens.bin";

    /// <summary>
    /// Writes the dataset folder whole: <paramref name="write"/> gets the local path of the token store to create
    /// (in an empty folder that replaces the dataset's only when <paramref name="write"/> returns).
    /// </summary>
    public static Task<T> WriteTokensAsync<T>(IArtifactStore store, DatasetRecord dataset,
        Func<string, Task<T>> write) =>
        store.WriteFolderAsync(dataset.ArtifactKey, folder => write(Path.Combine(folder, Tokens)));

    /// <summary>Opens the dataset's token store (memory-mapped, hence a local path).</summary>
    public static TokenStore OpenTokens(IArtifactStore store, DatasetRecord dataset) =>
        TokenStore.Open(store.GetPathForMappedRead(dataset.TokenStoreKey));
}
