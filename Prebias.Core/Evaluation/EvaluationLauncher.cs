using Microsoft.EntityFrameworkCore;
using Prebias.Core.Evaluation;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;
using Prebias.Core.Validation;

namespace Prebias.Core.Evaluation;

/// <summary>
/// Starts evaluations of a run's checkpoints (<c>POST /api/runs/{id}/evaluations</c>) and the per-sample perplexity
/// of one checkpoint (<c>POST .../checkpoints/{step}/perplexity</c>).
/// </summary>
public sealed class EvaluationLauncher(PrebiasDbContext db, JobScheduler scheduler)
{
    /// <summary>The listed checkpoints, or (none listed) every one not evaluated yet.</summary>
    public async Task<LaunchResult> EvaluateAsync(Guid runId, long[]? steps, CancellationToken ct)
    {
        if (steps is { Length: > RequestLimits.ListItems })
            return LaunchResult.Field("checkpoints", $"checkpoints must have at most {RequestLimits.ListItems} items, not {steps.Length}.");
        if (!await db.Runs.AnyAsync(r => r.Id == runId, ct)) return RunMissing(runId);
        if (steps is { Length: > 0 })
        {
            var known = await db.Checkpoints.Where(c => c.RunId == runId).Select(c => c.Step).ToListAsync(ct);
            if (steps.FirstOrDefault(s => !known.Contains(s), -1) is var missing and >= 0)
                return new LaunchResult.Missing("Checkpoint not found", $"Run {runId} has no checkpoint at step {missing}; it has {string.Join(", ", known)}.");
        }
        else if (!await db.Checkpoints.AnyAsync(c => c.RunId == runId, ct))
            return new LaunchResult.Conflict("No checkpoints yet", $"Run {runId} has not written a checkpoint yet.");
        var location = $"/api/runs/{runId}/saturation";
        var jobId = await scheduler.EnqueueAsync<EvaluationJob>(JobQueues.Cpu, j => j.RunAsync(runId, steps, CancellationToken.None),
            location, ct);
        return new LaunchResult.Accepted(runId.ToString(), jobId, location);
    }

    /// <summary>Writes the sample metric <c>perplexity</c> of the run's dataset under this checkpoint.</summary>
    public async Task<LaunchResult> SamplePerplexityAsync(Guid runId, long step, CancellationToken ct)
    {
        if (!await db.Runs.AnyAsync(r => r.Id == runId, ct)) return RunMissing(runId);
        if (!await db.Checkpoints.AnyAsync(c => c.RunId == runId && c.Step == step, ct))
            return new LaunchResult.Missing("Checkpoint not found", $"Run {runId} has no checkpoint at step {step}.");
        var datasetId = await db.Runs.Where(r => r.Id == runId).Select(r => r.DatasetId).SingleAsync(ct);
        var location = $"/api/datasets/{datasetId}/metrics/summary";
        var jobId = await scheduler.EnqueueAsync<SamplePerplexityJob>(JobQueues.Cpu, j => j.RunAsync(runId, step, CancellationToken.None),
            location, ct);
        return new LaunchResult.Accepted(datasetId.ToString(), jobId, location);
    }

    private static LaunchResult.Missing RunMissing(Guid runId) => new("Run not found", $"No run '{runId}'.");
}
