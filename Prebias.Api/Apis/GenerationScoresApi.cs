using Microsoft.EntityFrameworkCore;
using Prebias.Core.Metrics;
using Prebias.Core.Persistence;

namespace Prebias.Api.Apis;

/// <summary>
/// <c>GET /api/runs/{id}/checkpoints/{step}/generations/scores</c>: the text metrics of each stored generation, so a
/// reader sees which texts pull a checkpoint's average up or down.
/// </summary>
public static class GenerationScoresApi
{
    // Built once: the scorer loads its lexicons at construction. Metrics that need the dataset's n-gram model are
    // left out (they would read NaN without it).
    private static readonly Lazy<TextMetricsScorer> Scorer = new(() =>
        new TextMetricsScorer(metrics: MetricRegistry.TextMetrics.Where(m => !m.NeedsReference).Select(m => m.Name)));

    public static RouteHandlerBuilder MapGenerationScoresApi(this IEndpointRouteBuilder app) =>
        app.MapGet("api/runs/{id:guid}/checkpoints/{step:long}/generations/scores", Scores).WithTags("Evaluations")
            .WithName("GetGenerationScores")
            .WithSummary("Text metrics of each generated text of a checkpoint, in the order of GET .../generations");

    /// <summary>One generation's metric scores.</summary>
    public sealed record GenerationScores(
        int Index, string Prompt, string Mode, IReadOnlyDictionary<string, double?> Scores);

    public static async Task<IResult> Scores(Guid id, long step, PrebiasDbContext db, CancellationToken ct)
    {
        if (!await db.Runs.AnyAsync(r => r.Id == id, ct)) return Problems.NotFound("Run not found", $"No run '{id}'.");
        var rows = await db.Generations.AsNoTracking().Where(g => g.RunId == id && g.Step == step)
            .OrderBy(g => g.Index).ToListAsync(ct);
        if (rows.Count == 0)
            return Problems.NotFound("No generations",
                $"Run {id} has no generations at step {step} (not a checkpoint, or not evaluated).");
        var scorer = Scorer.Value;
        return TypedResults.Ok(rows.Select(g =>
        {
            var values = scorer.Score(g.Text, g.TokenCount);
            var scores = scorer.Columns
                .Select((c, i) => (c.Name, Value: double.IsFinite(values[i]) ? values[i] : (double?)null))
                .ToDictionary(p => p.Name, p => p.Value);
            return new GenerationScores(g.Index, g.Prompt, g.Mode, scores);
        }).ToList());
    }
}
