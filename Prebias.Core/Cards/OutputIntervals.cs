using Prebias.Core.Analysis;
using Prebias.Core.Metrics;

namespace Prebias.Core.Cards;

/// <summary>
/// Output metrics of a checkpoint's stored generations with their uncertainty: each text is rescored with the same
/// scorer the evaluation used, and the mean over texts gets a percentile bootstrap interval. Metrics that need the
/// dataset's reference model (oov_rate, ngram_perplexity) are left out: the card does not rebuild that model.
/// </summary>
internal static class OutputIntervals
{
    public static List<(string Metric, int N, BootstrapInterval Ci)> Compute(
        IReadOnlyList<string> texts, IReadOnlyCollection<string> evaluated, BootstrapOptions options)
    {
        var names = MetricRegistry.TextMetrics.Where(m => !m.NeedsReference && evaluated.Contains(m.Name))
            .Select(m => m.Name).ToList();
        if (names.Count == 0) return [];
        var scorer = new TextMetricsScorer(metrics: names);
        var columns = scorer.ColumnCount;
        var matrix = scorer.ScoreBatch(texts);
        var result = new List<(string, int, BootstrapInterval)>();
        for (var c = 0; c < columns; c++)
        {
            var values = Enumerable.Range(0, texts.Count).Select(r => matrix[r * columns + c])
                .Where(double.IsFinite).ToArray();
            if (values.Length > 0)
                result.Add((scorer.Columns[c].Name, values.Length, BootstrapConfidence.Mean(values, options)));
        }
        return result;
    }
}
