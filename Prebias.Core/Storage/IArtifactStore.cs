namespace Prebias.Core.Storage;

/// <summary>
/// The shared artifact store. Keys are relative paths such as <c>runs/{id}/ckpt-000100/model.safetensors</c>.
/// Today a folder (local disk or a shared volume); kept behind this interface so an object store can be added, which
/// is why every write goes through it and a local path is handed out only for reads that need one.
/// </summary>
public interface IArtifactStore
{
    /// <summary>
    /// Absolute local path of a key, for reads that cannot take a stream: memory-mapped files (token stores, corpus
    /// indexes) and native readers (TorchSharp weights, sentencepiece). Never write through it: an object store would
    /// hand out a read-only local copy.
    /// </summary>
    string GetPathForMappedRead(string key);

    /// <summary>
    /// Absolute local path for work in progress that must survive a retried job: resumable downloads and the like.
    /// Scratch keys end in <c>.download</c>; the artifact sweep removes them once their job is over.
    /// </summary>
    string GetScratchPath(string key);

    bool Exists(string key);

    /// <summary>Writes a file atomically: the content goes to a temporary file that is renamed into place.</summary>
    void WriteAtomic(string key, Action<Stream> write);

    /// <inheritdoc cref="WriteAtomic"/>
    Task WriteAtomicAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken ct);

    /// <summary>
    /// Writes a whole folder atomically: <paramref name="write"/> fills an empty local folder, which then replaces the
    /// folder at <paramref name="key"/> (an older one included) in one step. For writers that need a directory
    /// (TorchSharp, sentencepiece, TensorBoard) or write several files that only make sense together.
    /// </summary>
    Task<T> WriteFolderAsync<T>(string key, Func<string, Task<T>> write);

    /// <inheritdoc cref="WriteFolderAsync{T}"/>
    void WriteFolder(string key, Action<string> write);

    /// <summary>
    /// Hands the local folder of an existing artifact to the owner of its format, which adds files to it, each
    /// atomically (<see cref="Training.CheckpointFolder.WriteFile"/> adds evaluation views to a checkpoint).
    /// </summary>
    void UpdateFolder(string key, Action<string> update);

    /// <summary>Copies the folder at <paramref name="fromKey"/> to <paramref name="toKey"/> atomically.</summary>
    void CopyFolder(string fromKey, string toKey);

    Stream OpenRead(string key);

    /// <summary>Deletes a key or a whole folder of keys; missing keys are ignored.</summary>
    void Delete(string key);
}
