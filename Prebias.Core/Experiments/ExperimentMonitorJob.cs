using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Branches;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Lifecycle;
using Prebias.Core.Persistence;

namespace Prebias.Core.Experiments;

/// <summary>
/// Watches an experiment's runs without holding a worker thread: each call looks at the runs' states and, while they
/// are training or being evaluated, schedules itself again in <see cref="PollInterval"/> (a Hangfire scheduled job,
/// kept in Postgres, so it survives worker restarts). When every run is trained and evaluated it computes the
/// model-level divergences and marks the experiment Succeeded; a failed run, or one no live job works on, fails the
/// experiment. It ends when the experiment is terminal.
/// </summary>
[ProducesResource(ResourceKind.Experiment)]
public sealed class ExperimentMonitorJob(PrebiasDbContext db, IBackgroundJobClient jobs, JobProgress progress, DivergenceCalculator divergences,
    ResourceJobs runJobs, ExperimentFineTuner fineTuner)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 3, ExceptOn = [typeof(JobFailedException)])]
    public async Task RunAsync(Guid experimentId, CancellationToken ct)
    {
        var experiment = await db.Experiments.SingleAsync(e => e.Id == experimentId, ct);
        // Ends (no reschedule) once the experiment is terminal: finished, failed, or cancelled by DELETE.
        if (experiment.State.IsFinal()) return;
        var runs = await db.Runs.AsNoTracking().Where(r => r.ExperimentId == experimentId).ToListAsync(ct);

        // Throwing ends the monitor: the job state filter marks the experiment Failed with this message.
        if (runs.FirstOrDefault(r => r.State is RunState.Failed or RunState.Cancelled) is { } broken)
            throw new JobFailedException($"Run {broken.Name} (seed {broken.Seed}) {broken.State}: {broken.Error}");

        // Once every run is trained, an experiment with a finetune gets one fine-tune branch per run (reentrant).
        var spec = JsonSerializer.Deserialize<DurabilitySpec>(experiment.Spec, JsonDefaults.Options);
        if (spec?.Finetune is { } finetune
            && runs.Where(r => r.ParentRunId is null).All(r => r.State == RunState.Succeeded)
            && await fineTuner.StartMissingAsync(runs, finetune, ct) > 0)
            runs = await db.Runs.AsNoTracking().Where(r => r.ExperimentId == experimentId).ToListAsync(ct);

        var ids = runs.Select(r => r.Id).ToList();
        var checkpoints = await db.Checkpoints.CountAsync(c => ids.Contains(c.RunId), ct);
        var evaluated = await db.Evaluations.CountAsync(e => ids.Contains(e.RunId), ct);
        var trained = runs.Count(r => r.State == RunState.Succeeded);
        if (trained < runs.Count || evaluated < checkpoints)
        {
            // A run that nothing works on any more (its training or evaluation job failed or vanished) would keep the
            // monitor polling forever.
            foreach (var run in runs)
                if (await IsStuckAsync(run, ct))
                    throw new JobFailedException($"Run {run.Name} (seed {run.Seed}) is {run.State} with unevaluated checkpoints, and no live job works on it.");
            // Conditional: never turns a DELETE's Cancelled back into Running.
            await db.Experiments.Where(e => e.Id == experimentId && e.State == RunState.Pending)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.State, RunState.Running), ct);
            progress.Report(0.9 * (trained + (double)evaluated / Math.Max(1, checkpoints)) / (runs.Count + 1),
                $"{trained}/{runs.Count} runs trained, {evaluated}/{checkpoints} checkpoints evaluated; checking again in {PollInterval.TotalSeconds:F0} s");
            jobs.Schedule<ExperimentMonitorJob>(j => j.RunAsync(experimentId, CancellationToken.None), PollInterval);
            return;
        }

        progress.Report(0.9, "computing divergences from the baseline");
        // Divergences pair checkpoints of the same step; a fine-tune counts its steps from 0 on other data.
        await divergences.ReplaceAsync(experiment, [.. runs.Where(r => !Branching.IsFineTune(r))], ct);
        experiment.State = RunState.Succeeded;
        experiment.CompletedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(CancellationToken.None);
        progress.Report(1, $"{runs.Count} runs trained, evaluated and compared");
    }

    /// <summary>Unfinished (not trained, or trained with checkpoints not evaluated) while no live job works on it.</summary>
    private async Task<bool> IsStuckAsync(RunRecord run, CancellationToken ct)
    {
        if (run.State == RunState.Succeeded)
        {
            var checkpoints = await db.Checkpoints.CountAsync(c => c.RunId == run.Id, ct);
            if (await db.Evaluations.CountAsync(e => e.RunId == run.Id, ct) >= checkpoints) return false;
        }
        return (await runJobs.LiveAsync(ResourceKind.Run, run.Id, run.JobId, ct)).Count == 0;
    }
}
