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
        $"path must name a regular file inside the import roots ({string.Join(", ", Roots)}; Prebias:Import:Roots), " +
        "or a folder or glob (data/train-*.parquet) of such files; relative paths start at the first root.";

    /// <summary>The real path of <paramref name="path"/> when it may be imported, else null.</summary>
    public string? Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0')) return null;
        var candidate = Path.IsPathRooted(path) ? path : Path.Combine(Roots[0], path);
        var real = RegularFile.RealPath(candidate);
        if (real is null || !IsInsideRoots(real) || !File.Exists(real)) return null;
        return real;
    }

    /// <summary>
    /// The shards <paramref name="path"/> names, in ordinal name order (a stable corpus order on any machine): a
    /// single file; a folder (its corpus files: .parquet, .jsonl, .ndjson, .json, .txt, also as .gz or .zst, so a
    /// dataset's README is left out); or a glob whose last segment holds <c>*</c> or <c>?</c>. The folder must
    /// resolve inside the roots and each shard must pass <see cref="Resolve"/>. Empty when nothing may be imported.
    /// </summary>
    public IReadOnlyList<ImportShard> ResolveShards(string path) => ResolveShards(path, out _);

    /// <param name="path">A file, folder or glob.</param>
    /// <param name="isSet">True for a folder or glob (even of one file): the corpus then records shard and row.</param>
    public IReadOnlyList<ImportShard> ResolveShards(string path, out bool isSet)
    {
        isSet = false;
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0')) return [];
        var candidate = Path.IsPathRooted(path) ? path : Path.Combine(Roots[0], path);
        var pattern = Path.GetFileName(Path.TrimEndingDirectorySeparator(candidate));
        var isGlob = pattern.IndexOfAny(['*', '?']) >= 0;
        var folder = isGlob ? Path.GetDirectoryName(candidate) : candidate;
        if (folder is null || folder.IndexOfAny(['*', '?']) >= 0) return [];
        if (!isGlob && !Directory.Exists(folder))
            return Resolve(path) is { } file ? [new ImportShard(Path.GetFileName(file), file)] : [];
        isSet = true;
        var real = RegularFile.RealPath(folder);
        if (real is null || !(IsInsideRoots(real) || IsRoot(real)) || !Directory.Exists(real)) return [];
        var options = new EnumerationOptions
        {
            MatchType = MatchType.Simple, MatchCasing = MatchCasing.CaseSensitive, IgnoreInaccessible = true,
            RecurseSubdirectories = false, AttributesToSkip = 0,
        };
        return [.. Directory.EnumerateFiles(real, isGlob ? pattern : "*", options)
            .Where(f => isGlob || IsCorpusFile(f))
            .Order(StringComparer.Ordinal)
            .Select(f => Resolve(f) is { } resolved ? new ImportShard(Path.GetFileName(f), resolved) : null)
            .OfType<ImportShard>()];
    }

    private static bool IsCorpusFile(string file)
    {
        var name = file.ToLowerInvariant();
        foreach (var suffix in new[] { ".gz", ".zst", ".zstd" })
            if (name.EndsWith(suffix, StringComparison.Ordinal)) name = name[..^suffix.Length];
        return Path.GetExtension(name) is ".parquet" or ".jsonl" or ".ndjson" or ".json" or ".txt";
    }

    private bool IsRoot(string real) => Roots.Any(root =>
        Path.TrimEndingDirectorySeparator(RegularFile.RealPath(root) ?? root) == Path.TrimEndingDirectorySeparator(real));

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
