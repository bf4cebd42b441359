using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;

namespace Prebias.Core.Storage;

/// <summary>
/// Removes what failed, cancelled or crashed work left in the artifact store and nothing can use any more: staging
/// and download folders and uploads of imports that are not pending, half-written temporary files, and folders of
/// corpora, tokenizers, datasets and runs that have no row. Only entries older than the given age go, so work that
/// is starting right now (a folder created before its row is committed) is never touched.
/// </summary>
public sealed class ArtifactSweep(PrebiasDbContext db, IArtifactStore store, ILogger<ArtifactSweep> logger)
{
    public async Task<IReadOnlyList<string>> SweepAsync(TimeSpan minAge, CancellationToken ct)
    {
        // The sweep walks the local folder itself: it is the file store's housekeeping, not a reader of artifacts.
        var root = store.GetScratchPath("");
        var cutoff = DateTime.UtcNow - minAge;
        var pendingCorpora = (await db.Corpora.AsNoTracking().Where(c => c.State == ResourceState.Pending).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var pendingTokenizers = (await db.Tokenizers.AsNoTracking().Where(t => t.State == ResourceState.Pending).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        var known = new Dictionary<string, HashSet<Guid>>
        {
            ["corpora"] = [.. await db.Corpora.AsNoTracking().Select(c => c.Id).ToListAsync(ct)],
            ["tokenizers"] = [.. await db.Tokenizers.AsNoTracking().Select(t => t.Id).ToListAsync(ct)],
            ["datasets"] = [.. await db.Datasets.AsNoTracking().Select(d => d.Id).ToListAsync(ct)],
            ["runs"] = [.. await db.Runs.AsNoTracking().Select(r => r.Id).ToListAsync(ct)],
        };

        var removed = new List<string>();
        void Remove(string path)
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                else File.Delete(path);
                removed.Add(Path.GetRelativePath(root, path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning("Could not remove {Path}: {Message}", path, e.Message);
            }
        }
        bool Old(string path) => (Directory.Exists(path) ? Directory.GetLastWriteTimeUtc(path) : File.GetLastWriteTimeUtc(path)) < cutoff;
        static Guid? IdOf(string name) => Guid.TryParseExact(name.Split('.')[0], "N", out var id) ? id : null;

        foreach (var (folder, ids) in known)
        {
            var parent = Path.Combine(root, folder);
            if (!Directory.Exists(parent)) continue;
            foreach (var entry in Directory.EnumerateFileSystemEntries(parent).Where(Old).ToList())
            {
                ct.ThrowIfCancellationRequested();
                var name = Path.GetFileName(entry);
                var id = IdOf(name);
                var inputOfPendingImport = folder == "corpora" && id is { } c && pendingCorpora.Contains(c) && name.EndsWith(".download", StringComparison.Ordinal);
                if (name.EndsWith(".staging", StringComparison.Ordinal) || name.Contains(".tmp-", StringComparison.Ordinal)
                    || (name.EndsWith(".download", StringComparison.Ordinal) && !inputOfPendingImport)
                    || (id is { } owner && !name.Contains('.') && !ids.Contains(owner)))
                    Remove(entry);
            }
        }

        var uploads = Path.Combine(root, "uploads");
        if (Directory.Exists(uploads))
            foreach (var entry in Directory.EnumerateFileSystemEntries(uploads).Where(Old).ToList())
                if (IdOf(Path.GetFileName(entry)) is not { } id || !(pendingCorpora.Contains(id) || pendingTokenizers.Contains(id)))
                    Remove(entry);

        if (removed.Count > 0) logger.LogInformation("Artifact sweep removed {Count} leftovers: {Entries}", removed.Count, string.Join(", ", removed));
        return removed;
    }
}
