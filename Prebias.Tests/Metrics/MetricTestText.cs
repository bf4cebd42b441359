using Prebias.Core.Metrics;

namespace Prebias.Tests.Metrics;

/// <summary>Shared scorer (lexicons load once) and a by-name accessor for the tests.</summary>
internal static class MetricTestText
{
    public static readonly TextMetricsScorer Scorer = new();

    public static double Metric(string text, string name, int? tokenizerTokens = null)
    {
        var row = Scorer.Score(text, tokenizerTokens);
        return row[MetricRegistry.TextMetrics.ToList().FindIndex(d => d.Name == name)];
    }
}
