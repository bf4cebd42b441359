using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Analysis;
using Prebias.Core.Domain;
using Prebias.Core.Ordering;
using Prebias.Core.Persistence;
using Prebias.Core.Runs;

namespace Prebias.Core.Experiments;

/// <summary>An ordering's output metric at a checkpoint across seeds; <c>phase</c>: pretrain or finetune
/// (fine-tune steps count from 0).</summary>
public sealed record CurvePoint(string Metric, string Ordering, bool IsBaseline, long Step, int Seeds, double Mean,
    double Std, double Min, double Max, string Phase = ExperimentPhases.Pretrain);

/// <summary>Mean over seeds of an ordering's divergence from the baseline at a checkpoint.</summary>
public sealed record DivergencePoint(string Ordering, long Step, double? ValLossGap, double? KlDivergence, double? EmbeddingCka);

/// <summary>Mean over seeds of a bias probe score for an ordering at a checkpoint.</summary>
public sealed record BiasPoint(string Ordering, long Step, string Probe, string Subject, double Mean,
    string Phase = ExperimentPhases.Pretrain);

/// <summary>The comparison of a durability experiment (<c>GET /api/experiments/{id}/comparison</c>).</summary>
public sealed record ExperimentComparisonResult(IReadOnlyList<CurvePoint> Curves, IReadOnlyList<EndPointComparison> EndPoint,
    IReadOnlyList<DivergencePoint> Divergence, IReadOnlyList<BiasPoint> Bias);

/// <summary>Computes an experiment's comparison from its runs' evaluations (nothing is cached: it is cheap).</summary>
public static class ExperimentComparison
{
    public static async Task<ExperimentComparisonResult> ComputeAsync(PrebiasDbContext db, ExperimentRecord experiment, double tolerance,
        OrderEffectOptions? options, CancellationToken ct)
    {
        var runs = await db.Runs.AsNoTracking().Where(r => r.ExperimentId == experiment.Id).ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToList();
        var label = runs.ToDictionary(r => r.Id, ExperimentRuns.Label);
        var outputs = await db.CheckpointMetrics.AsNoTracking().Where(m => ids.Contains(m.RunId) && m.Output != null).ToListAsync(ct);
        var biasScores = await db.BiasScores.AsNoTracking().Where(b => ids.Contains(b.RunId)
            && (b.Subject == "_mean" || b.Subject == "_stereotype_lean" || b.Subject == "_all")).ToListAsync(ct);

        // Each phase is analysed on its own (its own Holm family), so the pretrain rows read the same with or without
        // a fine-tune, and a fine-tune's step 0 is never taken for the pretraining's.
        var curves = new List<CurvePoint>();
        var endPoint = new List<EndPointComparison>();
        var bias = new List<BiasPoint>();
        foreach (var (phase, phaseRuns) in ExperimentPhases.Split(runs))
        {
            var phaseLabel = phaseRuns.ToDictionary(r => r.Id, ExperimentRuns.Label);
            var phaseOutputs = outputs.Where(o => phaseLabel.ContainsKey(o.RunId)).ToList();
            var phaseCurves = Curves(phaseOutputs, phaseLabel, phase);
            curves.AddRange(phaseCurves);
            endPoint.AddRange(EndPoints(phaseRuns, phaseOutputs, phaseCurves, tolerance,
                options ?? OrderEffectOptions.Default, phase));
            bias.AddRange(biasScores.Where(b => phaseLabel.ContainsKey(b.RunId))
                .GroupBy(b => (Ordering: phaseLabel[b.RunId], b.Step, b.Probe, b.Subject))
                .Select(g => new BiasPoint(g.Key.Ordering, g.Key.Step, g.Key.Probe, g.Key.Subject,
                    g.Average(b => b.Score), phase))
                .OrderBy(b => b.Ordering).ThenBy(b => b.Probe).ThenBy(b => b.Subject).ThenBy(b => b.Step));
        }

        var divergence = (await db.Divergences.AsNoTracking().Where(d => d.ExperimentId == experiment.Id).ToListAsync(ct))
            .GroupBy(d => (Ordering: label[d.RunId], d.Step))
            .Select(g => new DivergencePoint(g.Key.Ordering, g.Key.Step, Mean(g.Select(d => d.ValLossGap)), Mean(g.Select(d => d.KlDivergence)), Mean(g.Select(d => d.EmbeddingCka))))
            .OrderBy(d => d.Ordering).ThenBy(d => d.Step).ToList();
        return new ExperimentComparisonResult(curves, endPoint, divergence, bias);
    }

    /// <summary>
    /// Every ordering against the baseline at each metric's last checkpoint. A run's value is keyed by its init seed
    /// (several order seeds of one init seed are averaged by the analysis, so n counts init seeds); the verdicts are
    /// decided together, so the Holm adjustment spans every metric and ordering of the comparison.
    /// </summary>
    public static List<EndPointComparison> EndPoints(IReadOnlyList<RunRecord> runs, IReadOnlyList<CheckpointMetricRecord> outputs,
        IReadOnlyList<CurvePoint> curves, double tolerance, OrderEffectOptions options,
        string phase = ExperimentPhases.Pretrain)
    {
        var label = runs.ToDictionary(r => r.Id, ExperimentRuns.Label);
        var seeds = runs.ToDictionary(r => r.Id, RunSeeds.Of);
        var baselineIsShuffle = runs.Where(ExperimentRuns.IsBaseline)
            .All(r => r.Ordering.Method == OrderingMethods.Shuffle);
        var rows = new List<(string Metric, string Ordering, long Step, OrderEffect Effect, double? InitSd, int InitN, double? OrderSd, int OrderN, long? Saturation)>();
        foreach (var metric in outputs.GroupBy(o => o.Metric).OrderBy(g => g.Key))
        {
            List<(RunSeeds Seeds, double Value)> At(long step, Func<string, bool> which) =>
                [.. metric.Where(o => o.Step == step && which(label[o.RunId]) && double.IsFinite(o.Output!.Value)).Select(o => (seeds[o.RunId], o.Output!.Value))];
            var baselineSteps = metric.Where(o => IsBaselineLabel(label[o.RunId])).Select(o => o.Step).ToHashSet();
            if (baselineSteps.Count == 0) continue;
            foreach (var ordering in metric.Select(o => label[o.RunId]).Distinct().Where(l => !IsBaselineLabel(l)).Order())
            {
                // The last checkpoint both have: a branch may stop before, or train past, the baseline's end.
                var common = metric.Where(o => label[o.RunId] == ordering && baselineSteps.Contains(o.Step)).Select(o => o.Step).ToList();
                if (common.Count == 0) continue;
                var last = common.Max();
                var values = At(last, l => l == ordering);
                var baseline = At(last, IsBaselineLabel);
                if (values.Count == 0 || baseline.Count == 0) continue;
                // Order-seed spread: the baseline shuffle's runs that share an init seed differ only in their order.
                var orderSd = baselineIsShuffle ? SeedSpreads.PooledSd(baseline.GroupBy(v => v.Seeds.Init).Select(g => (IReadOnlyList<double>)[.. g.Select(v => v.Value)])) : null;
                var orderN = baseline.Select(v => v.Seeds.Order).Distinct().Count();
                var effect = OrderEffectAnalysis.Compare(
                    [.. values.Select(v => new SeedValue(v.Seeds.Init, v.Value))], [.. baseline.Select(v => new SeedValue(v.Seeds.Init, v.Value))], options);
                // Init-only spread: runs of one group with the same order seed differ only in their initialisation.
                var initSd = SeedSpreads.PooledSd(values.Select(v => (Group: 0, v.Seeds, v.Value)).Concat(baseline.Select(v => (Group: 1, v.Seeds, v.Value)))
                    .GroupBy(v => (v.Group, v.Seeds.Order)).Select(g => (IReadOnlyList<double>)[.. g.Select(v => v.Value)]));
                var initN = values.Concat(baseline).Select(v => v.Seeds.Init).Distinct().Count();
                var curve = curves.Where(c => c.Metric == metric.Key && c.Ordering == ordering).OrderBy(c => c.Step).ToList();
                var saturation = curve.Count >= 2
                    ? SaturationDetector.Find(curve.Select(c => c.Step).ToArray(), curve.Select(c => c.Mean).ToArray(), new SaturationOptions { RelativeTolerance = tolerance })
                    : null;
                rows.Add((metric.Key, ordering, last, effect, initSd, initN, orderSd, orderN, saturation?.Step));
            }
        }
        var decided = OrderEffectAnalysis.Decide([.. rows.Select(r => r.Effect)], options);
        return [.. rows.Select((r, i) =>
        {
            var e = decided[i];
            return new EndPointComparison(r.Metric, r.Ordering, r.Step, e.Design, e.OrderingSeeds, e.BaselineSeeds, e.OrderingMean, e.BaselineMean,
                e.Difference, e.CiLower, e.CiUpper, e.SeedSd, e.EffectSize, e.EffectSizeLower, e.EffectSizeUpper, e.DegreesOfFreedom,
                e.P, e.PermutationP, e.AdjustedP, e.EquivalenceMargin, e.EquivalenceP, e.Equivalent, e.Mde, e.VerdictText,
                r.InitSd, r.InitN, r.OrderSd, r.OrderN, r.Saturation, phase);
        })];
    }

    /// <summary>Mean, SD and range over seeds of each ordering's output metric at each checkpoint.</summary>
    public static List<CurvePoint> Curves(IReadOnlyList<CheckpointMetricRecord> outputs,
        IReadOnlyDictionary<Guid, string> label, string phase) =>
        [.. outputs.GroupBy(o => (o.Metric, Ordering: label[o.RunId], o.Step))
            .Select(g =>
            {
                var v = g.Select(o => o.Output!.Value).ToArray();
                return new CurvePoint(g.Key.Metric, g.Key.Ordering, IsBaselineLabel(g.Key.Ordering), g.Key.Step,
                    v.Length, v.Average(), v.Length > 1 ? DescriptiveStatistics.SampleStandardDeviation(v) : 0,
                    v.Min(), v.Max(), phase);
            })
            .OrderBy(c => c.Metric).ThenBy(c => c.Ordering).ThenBy(c => c.Step)];

    private static bool IsBaselineLabel(string label) => label.StartsWith(ExperimentRuns.BaselinePrefix, StringComparison.Ordinal);

    private static double? Mean(IEnumerable<double?> values)
    {
        var present = values.Where(v => v is not null && double.IsFinite(v.Value)).Select(v => v!.Value).ToList();
        return present.Count > 0 ? present.Average() : null;
    }
}
