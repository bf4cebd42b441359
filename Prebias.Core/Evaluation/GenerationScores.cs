using Microsoft.EntityFrameworkCore;
using Prebias.Core.Metrics;
using Prebias.Core.Persistence;

namespace Prebias.Core.Evaluation;

/// <summary>
/// The text metrics of each stored generation of a checkpoint, so that a reader sees which texts pull the
/// checkpoint's average up or down (the evaluation stores only the mean).
/// </summary>
/// <param name="Index">The generation's position, as <c>GET .../generations</c> orders them.</param>
/// <param name="Scores">Metric name → value; null where the metric is undefined for this text.</param>
public sealed record GenerationScores(
    int Index, string Prompt, string Mode, IReadOnlyDictionary<string, double?> Scores)
{
    // Built once: the scorer loads its lexicons at construction. Metrics that need the dataset's n-gram model are
    // left out (they would read NaN without it).
    private static readonly Lazy<TextMetricsScorer> Scorer = new(() =>
        new TextMetricsScorer(metrics: MetricRegistry.TextMetrics.Where(m => !m.NeedsReference).Select(m => m.Name)));

    /// <summary>The scores of every generation of the checkpoint; empty when it has none.</summary>
    public static async Task<IReadOnlyList<GenerationScores>> OfCheckpointAsync(
        PrebiasDbContext db, Guid runId, long step, CancellationToken ct)
    {
        var rows = await db.Generations.AsNoTracking().Where(g => g.RunId == runId && g.Step == step)
            .OrderBy(g => g.Index).ToListAsync(ct);
        var scorer = Scorer.Value;
        return [.. rows.Select(g =>
        {
            var values = scorer.Score(g.Text, g.TokenCount);
            var scores = scorer.Columns
                .Select((c, i) => (c.Name, Value: double.IsFinite(values[i]) ? values[i] : (double?)null))
                .ToDictionary(p => p.Name, p => p.Value);
            return new GenerationScores(g.Index, g.Prompt, g.Mode, scores);
        })];
    }
}
