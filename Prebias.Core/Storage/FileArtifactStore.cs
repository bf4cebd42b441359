using Microsoft.Extensions.Options;

namespace Prebias.Core.Storage;

/// <summary>Artifact store on a (possibly shared) file system folder.</summary>
public sealed class FileArtifactStore(IOptions<ArtifactStoreOptions> options) : IArtifactStore
{
    private readonly string _root = Path.GetFullPath(options.Value.Path);

    public string GetPath(string key)
    {
        var full = Path.GetFullPath(Path.Combine(_root, key));
        if (!full.StartsWith(_root, StringComparison.Ordinal))
            throw new ArgumentException($"Artifact key '{key}' escapes the artifact store.", nameof(key));
        return full;
    }

    public bool Exists(string key) => File.Exists(GetPath(key)) || Directory.Exists(GetPath(key));

    public Task WriteAtomicAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken ct) =>
        AtomicFile.WriteAsync(GetPath(key), write, ct);

    public Stream OpenRead(string key) =>
        new FileStream(GetPath(key), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);

    public void Delete(string key)
    {
        var path = GetPath(key);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        else if (File.Exists(path)) File.Delete(path);
    }
}
