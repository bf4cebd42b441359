using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Branches;
using Prebias.Core.Jobs;
using Prebias.Core.Metrics;
using Prebias.Core.Ordering;
using Prebias.Core.Persistence;
using Prebias.Core.Runs;
using Prebias.Core.Training;
using Prebias.Core.SampleMetrics;
using Prebias.Core.Validation;

namespace Prebias.Core.Experiments;

/// <summary>
/// Starts a branch (<c>POST /api/runs/{id}/branches</c>): a run of its own that continues its parent from a
/// checkpoint with changed data. A branch of an experiment's run joins the experiment.
/// </summary>
/// <remarks>
/// It lives with the experiments, not in <c>Branches/</c>: it composes runs and experiments, while training reads
/// the branch transforms, so a launcher in <c>Branches/</c> would make Branches and Runs name each other.
/// </remarks>
public sealed class BranchLauncher(PrebiasDbContext db, RunLauncher runs, ExperimentLauncher experiments,
    SampleMetricsStore metrics)
{
    public async Task<LaunchResult> LaunchAsync(Guid parentId, BranchSpec spec, CancellationToken ct)
    {
        var parent = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == parentId, ct);
        if (parent is null) return new LaunchResult.Missing("Run not found", $"No run '{parentId}'.");
        var (branch, refused) = await PrepareAsync(parent, spec, Guid.NewGuid(), ct);
        if (refused is not null) return refused;
        db.Runs.Add(branch!);
        await db.SaveChangesAsync(ct);
        // The parent's checkpoint exists, so training can start at once (it copies that checkpoint first).
        var jobId = await runs.EnqueueTrainingAsync(branch!, parentJobId: null, ct);
        if (parent.ExperimentId is { } experimentId) await experiments.AdmitBranchAsync(experimentId, branch!, ct);
        await db.SaveChangesAsync(ct);
        return new LaunchResult.Accepted(branch!.Id.ToString(), jobId, RunLauncher.Location(branch.Id));
    }

    /// <summary>
    /// Checks a branch request against its parent and resolves it into a run row with id <paramref name="id"/>, not
    /// saved yet; or the answer that refuses it.
    /// </summary>
    public async Task<(RunRecord? Branch, LaunchResult? Refused)> PrepareAsync(RunRecord parent, BranchSpec spec,
        Guid id, CancellationToken ct)
    {
        var fieldErrors = BranchSpecValidator.Validate(spec);
        if (fieldErrors.Count > 0) return (null, new LaunchResult.Invalid(fieldErrors.ToDictionary()));
        if (!await db.Checkpoints.AnyAsync(c => c.RunId == parent.Id && c.Step == spec.FromStep, ct))
            return (null, new LaunchResult.Conflict("No such checkpoint",
                $"Run {parent.Id} has no checkpoint at step {spec.FromStep} to branch from."));

        var config = parent.Config;
        var errors = new Dictionary<string, string[]>();
        var (branchConfig, datasetId) = spec.Transform is FinetuneTransform finetune
            ? (await FineTuneConfigAsync(finetune, spec, parent, config, errors, ct), finetune.DatasetId)
            : (await ContinuationConfigAsync(spec, parent, config, errors, ct), parent.DatasetId);
        if (errors.Count > 0) return (null, new LaunchResult.Invalid(errors));

        var branch = new RunRecord
        {
            // A branch of an experiment's run joins the experiment, so the comparison shows it next to the parent's
            // continuation (under its own label, never as the baseline).
            Id = id, ExperimentId = parent.ExperimentId,
            Name = spec.Name ?? $"{(parent.Name ?? "run").Replace(ExperimentRuns.BaselinePrefix, "")} → {spec.Transform.Kind}@{spec.FromStep}",
            DatasetId = datasetId, Seed = parent.Seed,
            Model = parent.Model, Ordering = branchConfig.Ordering, Training = branchConfig.Training,
            ParentRunId = parent.Id, BranchFromStep = spec.FromStep, BranchTransform = JsonSerializer.Serialize(spec.Transform, JsonDefaults.Options),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        return (branch, null);
    }

    /// <summary>The parent's configuration trained on to <c>steps</c>, with the order the transform asks for.</summary>
    private async Task<RunConfig> ContinuationConfigAsync(BranchSpec spec, RunRecord parent, RunConfig config,
        Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var training = config.Training;
        var steps = spec.Steps ?? training.Options.MaxIters;
        var fieldErrors = new FieldErrors();
        if (steps <= spec.FromStep) errors["steps"] = [$"steps ({steps}) must exceed fromStep ({spec.FromStep})."];
        RunSpecValidator.ValidateOrderPositions("steps", steps, training.Options.BatchSize,
            training.Options.GradientAccumulationSteps, fieldErrors);
        foreach (var (field, messages) in fieldErrors.ToDictionary()) errors[field] = messages;
        var ordering = await CheckTransformAsync(spec.Transform, parent, config.Ordering, errors, ct);
        return config with
        {
            Training = training with { Options = training.Options with { MaxIters = steps } }, Ordering = ordering,
        };
    }

    /// <summary>
    /// A new run on the fine-tune dataset: the parent's model and settings with the transform's overrides, a schedule
    /// over the fine-tune's steps, and checkpoints at every evalInterval only (each is evaluated).
    /// </summary>
    private async Task<RunConfig> FineTuneConfigAsync(FinetuneTransform finetune, BranchSpec spec, RunRecord parent,
        RunConfig config, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (spec.Steps is not null)
            errors["steps"] = ["A finetune branch counts its own steps from 0: give transform.steps instead."];
        var options = FinetuneTraining.Apply(finetune.Training, config.Training.Options, finetune.Steps);
        if (options.MinLr > options.LearningRate)
            errors["transform.training.minLr"] =
                [$"minLr ({options.MinLr}) must not exceed learningRate ({options.LearningRate})."];
        var fieldErrors = new FieldErrors();
        RunSpecValidator.ValidateOrderPositions("transform.steps", options.MaxIters, options.BatchSize,
            options.GradientAccumulationSteps, fieldErrors);
        foreach (var (field, messages) in fieldErrors.ToDictionary()) errors[field] = messages;
        await FineTuneDatasetCheck.CheckAsync(db, metrics, finetune, parent.DatasetId, config.Model.MaxSeqLen,
            "transform", errors, ct);
        return config with
        {
            Training = new ResolvedTraining(options, LogSpacedCheckpoints: false),
            Ordering = finetune.ResolvedOrdering(),
        };
    }

    /// <summary>
    /// Checks the transform against the parent's dataset; answers the ordering the branch continues with.
    /// </summary>
    private async Task<OrderingSpec> CheckTransformAsync(BranchTransform t, RunRecord parent, OrderingSpec ordering,
        Dictionary<string, string[]> errors, CancellationToken ct)
    {
        switch (t)
        {
            case SwapGenderTransform:
                break;
            case FilterTransform f:
                var filter = new MetricFilter(f.Metric ?? "", f.Min, f.Max);
                if (filter.Problems("transform").ToList() is { Count: > 0 } problems)
                    errors["transform"] = [.. problems];
                else if (!(await metrics.ComputedMetricsAsync(parent.DatasetId, ct)).Contains(MetricRegistry.Get(f.Metric!).Name))
                    errors["transform.metric"] = [$"Metric '{f.Metric}' has not been computed for the dataset."];
                break;
            case OrderingTransform { Ordering: null }:
                errors["transform.ordering"] = ["An ordering transform needs transform.ordering."];
                break;
            case OrderingTransform { Ordering: { } newOrdering }:
                if (newOrdering.Problems() is { Count: > 0 } orderingProblems)
                    errors["transform.ordering"] = [.. orderingProblems];
                else return newOrdering;
                break;
            default:
                errors["transform.kind"] = [$"Give transform.kind: {SwapGenderTransform.KindName}, "
                    + $"{FilterTransform.KindName}, {OrderingTransform.KindName} or {FinetuneTransform.KindName}."];
                break;
        }
        return ordering;
    }
}
