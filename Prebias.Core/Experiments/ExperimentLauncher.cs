using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Evaluation;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;
using Prebias.Core.Runs;
using Prebias.Core.SampleMetrics;
using Prebias.Core.Validation;

namespace Prebias.Core.Experiments;

/// <summary>
/// Starts a durability experiment (<c>POST /api/experiments/durability</c>): one run per ordering (and the baseline)
/// × init seed × order seed, all prepared and checked before any is saved, each trained then evaluated, and a
/// monitor job that marks the experiment done.
/// </summary>
public sealed class ExperimentLauncher(PrebiasDbContext db, JobScheduler scheduler, RunLauncher runs,
    SampleMetricsStore metrics)
{
    public async Task<LaunchResult> LaunchDurabilityAsync(DurabilitySpec spec, CancellationToken ct)
    {
        if (DurabilitySpecValidator.Validate(spec) is { Count: > 0 } invalid)
            return new LaunchResult.Invalid(invalid.ToDictionary());
        // Checked now, so an experiment that could never be fine-tuned fails before it trains for hours.
        if (spec.Finetune is { } finetune && await db.Datasets.AnyAsync(d => d.Id == spec.DatasetId, ct))
        {
            var errors = new Dictionary<string, string[]>();
            await FineTuneDatasetCheck.CheckAsync(db, metrics, finetune, spec.DatasetId, spec.Model?.MaxSeqLen,
                "finetune", errors, ct);
            if (errors.Count > 0) return new LaunchResult.Invalid(errors);
        }
        var experiment = new ExperimentRecord
        {
            Id = Guid.NewGuid(), Name = spec.Name, DatasetId = spec.DatasetId, CreatedAt = DateTimeOffset.UtcNow,
            Spec = JsonSerializer.Serialize(spec, JsonDefaults.Options),
        };
        var members = new List<PreparedRun>();
        foreach (var (request, label) in RunRequests(spec))
        {
            var prepared = await runs.PrepareAsync(request, ct);
            if (prepared.Errors.Count > 0)
                return new LaunchResult.Invalid(prepared.Errors.ToDictionary(e => $"{label}: {e.Key}", e => e.Value));
            prepared.Run!.ExperimentId = experiment.Id;
            members.Add(prepared);
        }
        db.Experiments.Add(experiment);
        db.Runs.AddRange(members.Select(m => m.Run!));
        await db.SaveChangesAsync(ct);

        // Fan out: each run trains on the gpu queue and is evaluated on the cpu queue when training ends; the monitor
        // job polls by rescheduling itself, so no worker waits on the experiment.
        foreach (var member in members)
        {
            var trainingJob = await runs.EnqueueTrainingAsync(member.Run!, member.ParentJobId, ct);
            await EnqueueEvaluationAsync(member.Run!.Id, trainingJob, ct);
        }
        experiment.JobId = await EnqueueMonitorAsync(experiment.Id, ct);
        await db.SaveChangesAsync(ct);
        return new LaunchResult.Accepted(experiment.Id.ToString(), experiment.JobId, Location(experiment.Id));
    }

    /// <summary>
    /// The experiment takes a branch of one of its runs in: the branch is evaluated after training, then the
    /// experiment's divergences are computed again with it.
    /// </summary>
    public async Task AdmitBranchAsync(Guid experimentId, RunRecord branch, CancellationToken ct)
    {
        await EnqueueEvaluationAsync(branch.Id, branch.JobId!, ct);
        await db.Experiments.Where(e => e.Id == experimentId).ExecuteUpdateAsync(e => e
            .SetProperty(x => x.State, RunState.Running).SetProperty(x => x.CompletedAt, (DateTimeOffset?)null), ct);
        await EnqueueMonitorAsync(experimentId, ct);
    }

    public static string Location(Guid experimentId) => $"/api/experiments/{experimentId}";

    /// <summary>
    /// Every ordering then the baseline, each with every init seed × order seed, named by its ordering.
    /// </summary>
    private static IEnumerable<(RunSpec Request, string Label)> RunRequests(DurabilitySpec spec)
    {
        var arms = spec.Orderings.Select(o => (Ordering: o, Name: OrderingLabels.Of(o)))
            .Append((Ordering: spec.BaselineOrdering, Name: ExperimentRuns.BaselinePrefix + OrderingLabels.Of(spec.BaselineOrdering)));
        var seeds = spec.ResolvedInitSeeds().SelectMany(init => spec.ResolvedOrderSeeds().Select(order => (Init: init, Order: order))).ToList();
        foreach (var (ordering, name) in arms)
            foreach (var (init, order) in seeds)
                yield return (new RunSpec
                {
                    DatasetId = spec.DatasetId, Model = spec.Model, Training = spec.Training, Ordering = ordering, Name = name,
                    Seed = init, Seeds = new SeedsSpec { Init = init, Order = order },
                }, name);
    }

    /// <summary>Evaluation of every checkpoint of a run once its training job has ended.</summary>
    public Task<string> EnqueueEvaluationAsync(Guid runId, string trainingJobId, CancellationToken ct) =>
        scheduler.EnqueueAfterAsync<EvaluationJob>(trainingJobId, JobQueues.Cpu, j => j.RunAsync(runId, null, CancellationToken.None),
            $"/api/runs/{runId}/saturation", ct);

    private Task<string> EnqueueMonitorAsync(Guid experimentId, CancellationToken ct) =>
        scheduler.EnqueueAsync<ExperimentMonitorJob>(JobQueues.Default, j => j.RunAsync(experimentId, CancellationToken.None),
            Location(experimentId), ct);
}
