using System.Text.Json;
using Prebias.Core;
using Prebias.Core.Domain;
using Prebias.Core.Experiments;
using Prebias.Core.Runs;

namespace Prebias.Api.Contracts;

/// <summary>An experiment with its runs' states and overall progress (runs trained and checkpoints evaluated).</summary>
public sealed record ExperimentResponse(Guid Id, string? Name, Guid DatasetId, RunState State, double Progress, JsonElement Spec,
    IReadOnlyList<Guid> RunIds, IReadOnlyList<ExperimentRunSummary> Runs, string? JobId, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static ExperimentResponse From(ExperimentRecord e, IReadOnlyList<ExperimentRunStatus> runs)
    {
        var summaries = runs.Select(s => new ExperimentRunSummary(s.Run.Id, s.Run.Name, s.Run.Seed, s.Run.State, s.Run.StepsDone, s.Checkpoints,
            s.EvaluatedCheckpoints, RunSeeds.Of(s.Run).Order)).ToList();
        // Half of each run's share for training, half for evaluating its checkpoints.
        var progress = e.State == RunState.Succeeded ? 1.0
            : summaries.Count == 0 ? 0 : summaries.Average(s => (s.State == RunState.Succeeded ? 0.5 : 0) + 0.5 * s.EvaluatedCheckpoints / Math.Max(1, s.Checkpoints));
        return new ExperimentResponse(e.Id, e.Name, e.DatasetId, e.State, progress, JsonSerializer.Deserialize<JsonElement>(e.Spec, JsonDefaults.Options),
            [.. runs.Select(s => s.Run.Id)], summaries, e.JobId, e.Error, e.CreatedAt, e.CompletedAt);
    }
}

/// <summary>A run of an experiment: its ordering label, init seed (<c>seed</c>), state, evaluation progress and order seed.</summary>
public sealed record ExperimentRunSummary(Guid Id, string? Ordering, long Seed, RunState State, long StepsDone, int Checkpoints, int EvaluatedCheckpoints, long OrderSeed);
