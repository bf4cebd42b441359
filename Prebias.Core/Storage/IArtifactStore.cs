namespace Prebias.Core.Storage;

/// <summary>
/// The shared artifact store. Keys are relative paths such as <c>runs/{id}/ckpt-000100/model.safetensors</c>.
/// Today a folder (local disk or a shared volume); kept behind this interface so an object store can be added.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Absolute local path for a key; callers that need memory-mapping or native I/O use it directly.</summary>
    string GetPath(string key);

    bool Exists(string key);

    /// <summary>Writes a file atomically: the content goes to a temporary file that is renamed into place.</summary>
    Task WriteAtomicAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken ct);

    Stream OpenRead(string key);

    /// <summary>Deletes a key or a whole folder of keys; missing keys are ignored.</summary>
    void Delete(string key);
}
