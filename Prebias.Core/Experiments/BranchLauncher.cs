using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Branches;
using Prebias.Core.Jobs;
using Prebias.Core.Metrics;
using Prebias.Core.Ordering;
using Prebias.Core.Persistence;
using Prebias.Core.Runs;
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
        var fieldErrors = BranchSpecValidator.Validate(spec);
        if (fieldErrors.Count > 0) return new LaunchResult.Invalid(fieldErrors.ToDictionary());
        if (!await db.Checkpoints.AnyAsync(c => c.RunId == parentId && c.Step == spec.FromStep, ct))
            return new LaunchResult.Conflict("No such checkpoint", $"Run {parentId} has no checkpoint at step {spec.FromStep} to branch from.");

        var config = parent.Config;
        var training = config.Training;
        var steps = spec.Steps ?? training.Options.MaxIters;
        var errors = new Dictionary<string, string[]>();
        if (steps <= spec.FromStep) errors["steps"] = [$"steps ({steps}) must exceed fromStep ({spec.FromStep})."];
        RunSpecValidator.ValidateOrderPositions("steps", steps, training.Options.BatchSize, training.Options.GradientAccumulationSteps, fieldErrors);
        foreach (var (field, messages) in fieldErrors.ToDictionary()) errors[field] = messages;
        var ordering = await CheckTransformAsync(spec.Transform, parent, config.Ordering, errors, ct);
        if (errors.Count > 0) return new LaunchResult.Invalid(errors);
        var branchConfig = config with { Training = training with { Options = training.Options with { MaxIters = steps } }, Ordering = ordering };

        var branch = new RunRecord
        {
            // A branch of an experiment's run joins the experiment, so the comparison shows it next to the parent's
            // continuation (under its own label, never as the baseline).
            Id = Guid.NewGuid(), ExperimentId = parent.ExperimentId,
            Name = spec.Name ?? $"{(parent.Name ?? "run").Replace(ExperimentRuns.BaselinePrefix, "")} → {spec.Transform.Kind}@{spec.FromStep}",
            DatasetId = parent.DatasetId, Seed = parent.Seed,
            Model = parent.Model, Ordering = branchConfig.Ordering, Training = branchConfig.Training,
            ParentRunId = parent.Id, BranchFromStep = spec.FromStep, BranchTransform = JsonSerializer.Serialize(spec.Transform, JsonDefaults.Options),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Runs.Add(branch);
        await db.SaveChangesAsync(ct);
        // The parent's checkpoint exists, so training can start at once (it copies that checkpoint first).
        var jobId = await runs.EnqueueTrainingAsync(branch, parentJobId: null, ct);
        if (parent.ExperimentId is { } experimentId) await experiments.AdmitBranchAsync(experimentId, branch, ct);
        await db.SaveChangesAsync(ct);
        return new LaunchResult.Accepted(branch.Id.ToString(), jobId, RunLauncher.Location(branch.Id));
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
                errors["transform.kind"] = [$"Give transform.kind: {SwapGenderTransform.KindName}, {FilterTransform.KindName} or {OrderingTransform.KindName}."];
                break;
        }
        return ordering;
    }
}
