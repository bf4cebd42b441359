using Hangfire;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;

namespace Prebias.Core.Experiments;

/// <summary>
/// Watches an experiment's runs without holding a worker thread: each call looks at the runs' states and, while they
/// are training or being evaluated, schedules itself again in <see cref="PollInterval"/> (a Hangfire scheduled job,
/// kept in Postgres, so it survives worker restarts). When every run is trained and evaluated it computes the
/// model-level divergences and marks the experiment Succeeded; a failed run fails the experiment.
/// </summary>
public sealed class ExperimentMonitorJob(PrebiasDbContext db, IBackgroundJobClient jobs, JobProgress progress, DivergenceCalculator divergences)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 3, ExceptOn = [typeof(JobFailedException)])]
    public async Task RunAsync(Guid experimentId, CancellationToken ct)
    {
        var experiment = await db.Experiments.SingleAsync(e => e.Id == experimentId, ct);
        if (experiment.State is RunStates.Succeeded or RunStates.Failed) return;
        var runs = await db.Runs.AsNoTracking().Where(r => r.ExperimentId == experimentId).ToListAsync(ct);

        if (runs.FirstOrDefault(r => r.State is RunStates.Failed or RunStates.Cancelled) is { } broken)
        {
            experiment.State = RunStates.Failed;
            experiment.Error = $"Run {broken.Name} (seed {broken.Seed}) {broken.State}: {broken.Error}";
            experiment.CompletedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(CancellationToken.None);
            throw new JobFailedException(experiment.Error);
        }

        var ids = runs.Select(r => r.Id).ToList();
        var checkpoints = await db.Checkpoints.CountAsync(c => ids.Contains(c.RunId), ct);
        var evaluated = await db.Evaluations.CountAsync(e => ids.Contains(e.RunId), ct);
        var trained = runs.Count(r => r.State == RunStates.Succeeded);
        if (trained < runs.Count || evaluated < checkpoints)
        {
            experiment.State = RunStates.Running;
            await db.SaveChangesAsync(ct);
            progress.Report(0.9 * (trained + (double)evaluated / Math.Max(1, checkpoints)) / (runs.Count + 1),
                $"{trained}/{runs.Count} runs trained, {evaluated}/{checkpoints} checkpoints evaluated; checking again in {PollInterval.TotalSeconds:F0} s");
            jobs.Schedule<ExperimentMonitorJob>(j => j.RunAsync(experimentId, CancellationToken.None), PollInterval);
            return;
        }

        progress.Report(0.9, "computing divergences from the baseline");
        await divergences.ReplaceAsync(experiment, runs, ct);
        experiment.State = RunStates.Succeeded;
        experiment.CompletedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(CancellationToken.None);
        progress.Report(1, $"{runs.Count} runs trained, evaluated and compared");
    }
}
