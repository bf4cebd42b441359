using System.Globalization;
using Prebias.Core.Metrics;

namespace Prebias.Core.Ordering;

/// <summary>
/// Keep samples whose <see cref="Metric"/> value lies in <c>[Min, Max]</c> (both inclusive; a null bound is open).
/// Missing values (NaN) never pass. Used by <c>threshold</c> / <c>sorted_threshold</c>, by min/max on any metric
/// ordering, and by the branch <c>filter</c> transform (<see cref="OrderingCompiler.Filter"/>).
/// </summary>
public sealed record MetricFilter(string Metric, double? Min = null, double? Max = null)
{
    public bool Keeps(double value) =>
        !double.IsNaN(value) && (Min is not { } min || value >= min) && (Max is not { } max || value <= max);

    /// <summary>e.g. <c>sentiment &gt;= 0.9</c>, <c>0.1 &lt;= sentiment &lt;= 0.9</c>.</summary>
    public string Describe() => (Min, Max) switch
    {
        ({ } min, { } max) => $"{Format(min)} <= {Metric} <= {Format(max)}",
        ({ } min, null) => $"{Metric} >= {Format(min)}",
        (null, { } max) => $"{Metric} <= {Format(max)}",
        _ => $"{Metric} (no bound)",
    };

    /// <summary>The problems with this rule (empty when valid); <paramref name="field"/> names it in messages.</summary>
    public IEnumerable<string> Problems(string field = "filter")
    {
        if (string.IsNullOrWhiteSpace(Metric)) yield return $"{field} needs a metric";
        else if (!MetricRegistry.TryGet(Metric, out _))
            yield return $"unknown metric '{Metric}'; valid metrics: {string.Join(", ", MetricRegistry.Names)}";
        if (Min is null && Max is null) yield return $"{field} needs min or max";
        if (Min is { } a && !double.IsFinite(a) || Max is { } b && !double.IsFinite(b)) yield return $"{field} bounds must be finite numbers";
        if (Min > Max) yield return $"min ({Format(Min!.Value)}) is greater than max ({Format(Max!.Value)})";
    }

    /// <exception cref="OrderingException">The rule is invalid.</exception>
    public void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0) throw new OrderingException($"Invalid filter: {string.Join("; ", problems)}.");
    }

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
