using Microsoft.EntityFrameworkCore;
using Prebias.Core.Analysis;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;

namespace Prebias.Core.Experiments;

/// <summary>An ordering's output metric at a checkpoint across seeds.</summary>
public sealed record CurvePoint(string Metric, string Ordering, bool IsBaseline, long Step, int Seeds, double Mean, double Std, double Min, double Max);

/// <summary>
/// An ordering against the baseline at the last checkpoint: difference of seed means with a bootstrap CI, the ratio
/// of the order effect to the seed-to-seed spread and its verdict, and the saturation point of the ordering's curve.
/// </summary>
public sealed record EndPointComparison(string Metric, string Ordering, long Step, double Difference, double? Lower, double? Upper,
    double SeedSpread, double Ratio, string Verdict, long? SaturationStep);

/// <summary>Mean over seeds of an ordering's divergence from the baseline at a checkpoint.</summary>
public sealed record DivergencePoint(string Ordering, long Step, double? ValLossGap, double? KlDivergence, double? EmbeddingCka);

/// <summary>Mean over seeds of a bias probe score for an ordering at a checkpoint.</summary>
public sealed record BiasPoint(string Ordering, long Step, string Probe, string Subject, double Mean);

/// <summary>The comparison of a durability experiment (<c>GET /api/experiments/{id}/comparison</c>).</summary>
public sealed record ExperimentComparisonResult(IReadOnlyList<CurvePoint> Curves, IReadOnlyList<EndPointComparison> EndPoint,
    IReadOnlyList<DivergencePoint> Divergence, IReadOnlyList<BiasPoint> Bias);

/// <summary>Computes an experiment's comparison from its runs' evaluations (nothing is cached: it is cheap).</summary>
public static class ExperimentComparison
{
    public static async Task<ExperimentComparisonResult> ComputeAsync(PrebiasDbContext db, ExperimentRecord experiment, double tolerance, CancellationToken ct)
    {
        var runs = await db.Runs.AsNoTracking().Where(r => r.ExperimentId == experiment.Id).ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToList();
        var label = runs.ToDictionary(r => r.Id, ExperimentRuns.Label);
        var outputs = await db.CheckpointMetrics.AsNoTracking().Where(m => ids.Contains(m.RunId) && m.Output != null).ToListAsync(ct);

        var curves = outputs.GroupBy(o => (o.Metric, Ordering: label[o.RunId], o.Step))
            .Select(g =>
            {
                var v = g.Select(o => o.Output!.Value).ToArray();
                return new CurvePoint(g.Key.Metric, g.Key.Ordering, g.Key.Ordering.StartsWith(ExperimentRuns.BaselinePrefix, StringComparison.Ordinal), g.Key.Step,
                    v.Length, v.Average(), v.Length > 1 ? DescriptiveStatistics.SampleStandardDeviation(v) : 0, v.Min(), v.Max());
            })
            .OrderBy(c => c.Metric).ThenBy(c => c.Ordering).ThenBy(c => c.Step).ToList();

        var endPoint = new List<EndPointComparison>();
        foreach (var metric in outputs.GroupBy(o => o.Metric))
        {
            var last = metric.Max(o => o.Step);
            double[] Final(Func<string, bool> which) => [.. metric.Where(o => o.Step == last && which(label[o.RunId])).Select(o => o.Output!.Value)];
            var baseline = Final(l => l.StartsWith(ExperimentRuns.BaselinePrefix, StringComparison.Ordinal));
            if (baseline.Length == 0) continue;
            foreach (var ordering in metric.Select(o => label[o.RunId]).Distinct().Where(l => !l.StartsWith(ExperimentRuns.BaselinePrefix, StringComparison.Ordinal)).Order())
            {
                var values = Final(l => l == ordering);
                if (values.Length == 0) continue;
                var effect = OrderEffectAnalysis.Compare(values, baseline);
                var curve = curves.Where(c => c.Metric == metric.Key && c.Ordering == ordering).OrderBy(c => c.Step).ToList();
                var saturation = curve.Count >= 2
                    ? SaturationDetector.Find(curve.Select(c => c.Step).ToArray(), curve.Select(c => c.Mean).ToArray(), new SaturationOptions { RelativeTolerance = tolerance })
                    : null;
                endPoint.Add(new EndPointComparison(metric.Key, ordering, last, effect.Difference,
                    effect.Interval.IsDefined ? effect.Interval.Lower : null, effect.Interval.IsDefined ? effect.Interval.Upper : null,
                    effect.SeedSpread, effect.Ratio, effect.VerdictText, saturation?.Step));
            }
        }

        var divergence = (await db.Divergences.AsNoTracking().Where(d => d.ExperimentId == experiment.Id).ToListAsync(ct))
            .GroupBy(d => (Ordering: label[d.RunId], d.Step))
            .Select(g => new DivergencePoint(g.Key.Ordering, g.Key.Step, Mean(g.Select(d => d.ValLossGap)), Mean(g.Select(d => d.KlDivergence)), Mean(g.Select(d => d.EmbeddingCka))))
            .OrderBy(d => d.Ordering).ThenBy(d => d.Step).ToList();

        var bias = (await db.BiasScores.AsNoTracking().Where(b => ids.Contains(b.RunId) && (b.Subject == "_mean" || b.Subject == "_stereotype_lean" || b.Subject == "_all")).ToListAsync(ct))
            .GroupBy(b => (Ordering: label[b.RunId], b.Step, b.Probe, b.Subject))
            .Select(g => new BiasPoint(g.Key.Ordering, g.Key.Step, g.Key.Probe, g.Key.Subject, g.Average(b => b.Score)))
            .OrderBy(b => b.Ordering).ThenBy(b => b.Probe).ThenBy(b => b.Subject).ThenBy(b => b.Step).ToList();
        return new ExperimentComparisonResult(curves, endPoint, divergence, bias);
    }

    private static double? Mean(IEnumerable<double?> values)
    {
        var present = values.Where(v => v is not null && double.IsFinite(v.Value)).Select(v => v!.Value).ToList();
        return present.Count > 0 ? present.Average() : null;
    }
}
