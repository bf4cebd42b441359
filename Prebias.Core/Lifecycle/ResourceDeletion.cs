using Hangfire;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;

namespace Prebias.Core.Lifecycle;

/// <summary>
/// <c>DELETE /api/{resources}/{id}</c>: without purge, cancels every live job of the resource (an experiment: its
/// monitor and all its runs' training and evaluation jobs) and marks it Cancelled, keeping what it wrote
/// (checkpoints); with purge, removes a finished resource's rows and artifacts, refused while anything depends on it.
/// </summary>
public sealed class ResourceDeletion(PrebiasDbContext db, ResourceJobs jobs, IBackgroundJobClient client, ResourceStateMarker marker, ResourcePurge purge)
{
    public async Task<DeletionOutcome> DeleteAsync(string kind, Guid id, bool purgeIt, CancellationToken ct)
    {
        if (await ResourceRow.FindAsync(db, kind, id, ct) is not { } row) return new DeletionOutcome(DeletionStatus.NotFound);
        var members = kind == ResourceKind.Experiment
            ? await db.Runs.AsNoTracking().Where(r => r.ExperimentId == id).Select(r => new ResourceRow(ResourceKind.Run, r.Id, r.State.ToString(), r.JobId)).ToListAsync(ct)
            : [];
        var rows = members.Prepend(row).ToList();
        var live = await LiveJobsAsync(rows, ct);

        if (!purgeIt)
        {
            if (live.Count == 0 && rows.All(r => r.IsFinal))
                return DeletionOutcome.Conflict($"The {kind} is {row.State} and has no live job; DELETE with ?purge=true removes it.");
            // Marked first, so a running job sees its resource Cancelled and starts no follow-up work (a training job
            // enqueues evaluations); the jobs are read again after marking to catch one enqueued just before.
            foreach (var r in rows.Where(r => !r.IsFinal))
                await marker.MarkAsync(r.Kind, r.Id, nameof(RunState.Cancelled), "Cancelled by DELETE.", ct);
            live = await LiveJobsAsync(rows, ct);
            foreach (var jobId in live) client.Delete(jobId);
            return new DeletionOutcome(DeletionStatus.Cancelled, JobsCancelled: live.Count);
        }

        if (rows.FirstOrDefault(r => !r.IsFinal) is { } unfinished)
            return DeletionOutcome.Conflict($"The {unfinished.Kind} {unfinished.Id} is {unfinished.State}; DELETE it without purge first to cancel it.");
        if (live.Count > 0)
            return DeletionOutcome.Conflict($"Job(s) {string.Join(", ", live)} still work on it; DELETE it without purge first to cancel them.");
        if (await purge.DependentsAsync(kind, id, ct) is { } dependents)
            return DeletionOutcome.Conflict($"Cannot purge the {kind}: {dependents}.");
        await purge.RemoveAsync(kind, id, members.ConvertAll(m => m.Id), ct);
        return new DeletionOutcome(DeletionStatus.Purged);
    }

    private async Task<List<string>> LiveJobsAsync(IEnumerable<ResourceRow> rows, CancellationToken ct)
    {
        var live = new List<string>();
        foreach (var r in rows) live.AddRange((await jobs.LiveAsync(r.Kind, r.Id, r.JobId, ct)).Select(j => j.Id));
        return live;
    }
}
