using Hangfire;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;

namespace Prebias.Core.Lifecycle;

/// <summary>
/// The jobs that work on a resource, found by their typed reference in <c>jobs</c> (plus the row's own job id), with
/// their state read from Hangfire's storage: the truth, even when a job was removed there or its mirror is stale.
/// </summary>
public sealed class ResourceJobs(PrebiasDbContext db, JobStorage storage)
{
    /// <summary>A job of the resource: its Hangfire state (null when Hangfire no longer has it).</summary>
    public sealed record Found(string Id, string? State, bool OwnsState)
    {
        public bool IsLive => State is not null && !JobStates.IsFinal(State);
    }

    public async Task<List<Found>> FindAsync(string kind, Guid id, string? rowJobId, CancellationToken ct)
    {
        var ids = await db.Jobs.AsNoTracking().Where(j => j.ResourceKind == kind && j.ResourceId == id).Select(j => j.Id).ToListAsync(ct);
        if (rowJobId is not null && !ids.Contains(rowJobId)) ids.Add(rowJobId);
        using var connection = storage.GetConnection();
        return ids.ConvertAll(jobId =>
        {
            var data = connection.GetJobData(jobId);
            // A job whose class cannot be loaded here (another version) is assumed to own the resource.
            var owns = data?.Job is null || ResourceRef.Of(data.Job) is { OwnsState: true };
            return new Found(jobId, data?.State, owns);
        });
    }

    public async Task<List<Found>> LiveAsync(string kind, Guid id, string? rowJobId, CancellationToken ct) =>
        (await FindAsync(kind, id, rowJobId, ct)).Where(j => j.IsLive).ToList();
}
