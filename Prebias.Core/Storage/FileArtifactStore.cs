using Microsoft.Extensions.Options;

namespace Prebias.Core.Storage;

/// <summary>Artifact store on a (possibly shared) file system folder.</summary>
public sealed class FileArtifactStore(IOptions<ArtifactStoreOptions> options) : IArtifactStore
{
    private readonly string _root = Path.GetFullPath(options.Value.Path);

    public string GetPathForMappedRead(string key) => PathOf(key);

    public string GetScratchPath(string key) => PathOf(key);

    public bool Exists(string key) => File.Exists(PathOf(key)) || Directory.Exists(PathOf(key));

    public void WriteAtomic(string key, Action<Stream> write) => AtomicFile.Write(PathOf(key), write);

    public Task WriteAtomicAsync(string key, Func<Stream, CancellationToken, Task> write, CancellationToken ct) =>
        AtomicFile.WriteAsync(PathOf(key), write, ct);

    public Task<T> WriteFolderAsync<T>(string key, Func<string, Task<T>> write) =>
        AtomicFolder.ReplaceAsync(PathOf(key), write);

    public void WriteFolder(string key, Action<string> write) => AtomicFolder.Replace(PathOf(key), write);

    public void UpdateFolder(string key, Action<string> update)
    {
        var folder = PathOf(key);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"No artifact folder '{key}'.");
        update(folder);
    }

    public void CopyFolder(string fromKey, string toKey)
    {
        var source = PathOf(fromKey);
        WriteFolder(toKey, temp =>
        {
            foreach (var file in Directory.GetFiles(source))
                File.Copy(file, Path.Combine(temp, Path.GetFileName(file)));
        });
    }

    public Stream OpenRead(string key) =>
        new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);

    public void Delete(string key)
    {
        var path = PathOf(key);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        else if (File.Exists(path)) File.Delete(path);
    }

    private string PathOf(string key)
    {
        var full = Path.GetFullPath(Path.Combine(_root, key));
        // A sibling folder whose name merely starts with the root's ("/data/artifacts-old") is outside it too.
        if (full != _root && !full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Artifact key '{key}' escapes the artifact store.", nameof(key));
        return full;
    }
}
