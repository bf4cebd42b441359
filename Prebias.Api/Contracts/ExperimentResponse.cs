using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Prebias.Core;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;
using Prebias.Core.Runs;

namespace Prebias.Api.Contracts;

/// <summary>An experiment with its runs' states and overall progress (runs trained and checkpoints evaluated).</summary>
public sealed record ExperimentResponse(Guid Id, string? Name, Guid DatasetId, string State, double Progress, JsonElement Spec,
    IReadOnlyList<Guid> RunIds, IReadOnlyList<ExperimentRunSummary> Runs, string? JobId, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static async Task<ExperimentResponse> FromAsync(ExperimentRecord e, PrebiasDbContext db, CancellationToken ct)
    {
        var runs = await db.Runs.AsNoTracking().Where(r => r.ExperimentId == e.Id).OrderBy(r => r.Name).ThenBy(r => r.Seed).ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToList();
        var evaluated = await db.Evaluations.Where(x => ids.Contains(x.RunId)).GroupBy(x => x.RunId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var checkpoints = await db.Checkpoints.Where(x => ids.Contains(x.RunId)).GroupBy(x => x.RunId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var summaries = runs.Select(r => new ExperimentRunSummary(r.Id, r.Name, r.Seed, r.State, r.StepsDone, checkpoints.GetValueOrDefault(r.Id), evaluated.GetValueOrDefault(r.Id), RunSeeds.Of(r).Order)).ToList();
        var progress = e.State == RunStates.Succeeded ? 1.0
            : summaries.Count == 0 ? 0 : summaries.Average(s => (s.State == RunStates.Succeeded ? 0.5 : 0) + 0.5 * s.EvaluatedCheckpoints / Math.Max(1, s.Checkpoints));
        return new ExperimentResponse(e.Id, e.Name, e.DatasetId, e.State, progress, JsonSerializer.Deserialize<JsonElement>(e.Spec, JsonDefaults.Options),
            ids, summaries, e.JobId, e.Error, e.CreatedAt, e.CompletedAt);
    }
}

/// <summary>A run of an experiment: its ordering label, init seed (<c>seed</c>), state, evaluation progress and order seed.</summary>
public sealed record ExperimentRunSummary(Guid Id, string? Ordering, long Seed, string State, long StepsDone, int Checkpoints, int EvaluatedCheckpoints, long OrderSeed);
