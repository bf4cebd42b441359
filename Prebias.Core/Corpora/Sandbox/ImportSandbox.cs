using Microsoft.Extensions.Options;
using Prebias.Core.Storage;

namespace Prebias.Core.Corpora.Sandbox;

/// <summary>
/// Decides which server paths a key holder may make the server read. A path counts only when, with every symlink
/// resolved, it is a regular file inside a configured import root. Every refusal reads the same, so the answer never
/// tells whether a path outside the roots exists (no existence oracle).
/// </summary>
public sealed class ImportSandbox
{
    public ImportSandbox(IOptions<ImportSandboxOptions> options, IOptions<ArtifactStoreOptions> artifacts)
    {
        var roots = options.Value.Roots.Where(r => !string.IsNullOrWhiteSpace(r)).ToArray();
        if (roots.Length == 0) roots = [Path.Combine(Path.GetDirectoryName(Path.GetFullPath(artifacts.Value.Path))!, "imports")];
        Roots = [.. roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r)))];
        MaxBytes = options.Value.MaxBytes;
    }

    /// <summary>The configured roots as absolute paths (they need not exist).</summary>
    public IReadOnlyList<string> Roots { get; }

    public long MaxBytes { get; }

    /// <summary>The one message for every refused path.</summary>
    public string RefusalMessage =>
        $"path must name a regular file inside the import roots ({string.Join(", ", Roots)}; Prebias:Import:Roots); relative paths start at the first root.";

    /// <summary>The real path of <paramref name="path"/> when it may be imported, else null.</summary>
    public string? Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0')) return null;
        var candidate = Path.IsPathRooted(path) ? path : Path.Combine(Roots[0], path);
        var real = RegularFile.RealPath(candidate);
        if (real is null || !IsInsideRoots(real) || !File.Exists(real)) return null;
        return real;
    }

    /// <summary>Opens an importable path: resolved, opened without following a last symlink, checked to be a regular
    /// file, and checked again by the path of the open descriptor (a symlink swapped in between is caught).</summary>
    public FileStream OpenRead(string path)
    {
        var real = Resolve(path) ?? throw new UnsafeSourceException(RefusalMessage);
        FileStream stream;
        try { stream = RegularFile.OpenRead(real, followSymlinks: false); }
        catch (UnsafeSourceException e) { throw new UnsafeSourceException(RefusalMessage, e); }
        if (RegularFile.OpenedPath(stream) is { } opened && IsInsideRoots(opened)) return stream;
        stream.Dispose();
        throw new UnsafeSourceException(RefusalMessage);
    }

    private bool IsInsideRoots(string real) => Roots.Any(root =>
    {
        var resolvedRoot = RegularFile.RealPath(root) ?? root;
        return real.StartsWith(Path.TrimEndingDirectorySeparator(resolvedRoot) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    });
}
