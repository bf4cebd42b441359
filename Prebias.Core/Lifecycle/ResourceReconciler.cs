using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;

namespace Prebias.Core.Lifecycle;

/// <summary>
/// The backstop of the invariant "no row is left Pending or Running while no live job owns it": finds such rows (a
/// job removed from Hangfire, a worker that died while the filter could not write, an API that crashed between the
/// row and its job) and marks them Failed with what it found. Rows younger than the grace period are left alone: the
/// API writes a row before it enqueues its job.
/// </summary>
public sealed class ResourceReconciler(PrebiasDbContext db, ResourceJobs jobs, ResourceStateMarker marker, ILogger<ResourceReconciler> logger)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>Marks every orphaned row created before now − <paramref name="grace"/>; returns how many it marked.</summary>
    public async Task<int> ReconcileAsync(TimeSpan grace, CancellationToken ct)
    {
        var cutoff = DateTimeOffset.UtcNow - grace;
        var pending = ResourceState.Pending;
        var candidates = new List<(string Kind, Guid Id, string? JobId)>();
        candidates.AddRange((await db.Corpora.AsNoTracking().Where(r => r.State == pending && r.CreatedAt < cutoff)
            .Select(r => new { r.Id, r.JobId }).ToListAsync(ct)).Select(r => (ResourceKind.Corpus, r.Id, r.JobId)));
        candidates.AddRange((await db.Tokenizers.AsNoTracking().Where(r => r.State == pending && r.CreatedAt < cutoff)
            .Select(r => new { r.Id, r.JobId }).ToListAsync(ct)).Select(r => (ResourceKind.Tokenizer, r.Id, r.JobId)));
        candidates.AddRange((await db.Datasets.AsNoTracking().Where(r => r.State == pending && r.CreatedAt < cutoff)
            .Select(r => new { r.Id, r.JobId }).ToListAsync(ct)).Select(r => (ResourceKind.Dataset, r.Id, r.JobId)));
        candidates.AddRange((await db.Runs.AsNoTracking().Where(r => (r.State == RunState.Pending || r.State == RunState.Running) && r.CreatedAt < cutoff)
            .Select(r => new { r.Id, r.JobId }).ToListAsync(ct)).Select(r => (ResourceKind.Run, r.Id, r.JobId)));
        candidates.AddRange((await db.Experiments.AsNoTracking().Where(r => (r.State == RunState.Pending || r.State == RunState.Running) && r.CreatedAt < cutoff)
            .Select(r => new { r.Id, r.JobId }).ToListAsync(ct)).Select(r => (ResourceKind.Experiment, r.Id, r.JobId)));

        var marked = 0;
        foreach (var (kind, id, jobId) in candidates)
        {
            ct.ThrowIfCancellationRequested();
            var found = await jobs.FindAsync(kind, id, jobId, ct);
            if (found.Any(j => j.IsLive && j.OwnsState)) continue;
            var seen = found.Count == 0 ? "it has no job"
                : string.Join(", ", found.Select(j => $"job {j.Id} {(j.State is null ? "no longer exists" : $"is {j.State}")}"));
            if (!await marker.MarkAsync(kind, id, nameof(RunState.Failed), $"No live job owns it any more ({seen}).", ct)) continue;
            logger.LogWarning("Reconciled orphaned {Kind} {ResourceId}: {Seen}", kind, id, seen);
            marked++;
        }
        return marked;
    }
}
