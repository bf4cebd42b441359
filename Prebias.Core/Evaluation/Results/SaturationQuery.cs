using Microsoft.EntityFrameworkCore;
using Prebias.Core.Analysis;
using Prebias.Core.Persistence;

namespace Prebias.Core.Evaluation.Results;

/// <summary>Reads a run's saturation table from <c>checkpoint_metrics</c> and <c>checkpoints</c>, and normalises it.</summary>
public static class SaturationQuery
{
    public static async Task<IReadOnlyList<SaturationRow>> ReadAsync(PrebiasDbContext db, Guid runId, CancellationToken ct)
    {
        var seen = await db.Checkpoints.AsNoTracking().Where(c => c.RunId == runId).ToDictionaryAsync(c => c.Step, c => c.SamplesSeen, ct);
        var points = await db.CheckpointMetrics.AsNoTracking().Where(m => m.RunId == runId).OrderBy(m => m.Metric).ThenBy(m => m.Step).ToListAsync(ct);
        var rows = new List<SaturationRow>(points.Count);
        foreach (var metric in points.GroupBy(p => p.Metric))
        {
            var series = metric.ToList();
            var window = Normalize(series.Select(p => p.InputWindow));
            var cumulative = Normalize(series.Select(p => p.InputCumulative));
            var output = Normalize(series.Select(p => p.Output));
            rows.AddRange(series.Select((p, i) => new SaturationRow(p.Step, seen.GetValueOrDefault(p.Step), p.Metric,
                p.InputWindow, p.InputCumulative, p.Output, window[i], cumulative[i], output[i])));
        }
        return rows;
    }

    private static double?[] Normalize(IEnumerable<double?> values) =>
        [.. MinMaxNormalization.Normalize(values.Select(v => v ?? double.NaN).ToArray()).Select(v => double.IsNaN(v) ? (double?)null : v)];
}
