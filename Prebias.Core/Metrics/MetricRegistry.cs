using System.Collections.Frozen;

namespace Prebias.Core.Metrics;

/// <summary>
/// All known metrics, in a fixed order. Names are the only way user input reaches SQL: validate with
/// <see cref="Resolve"/> and use <see cref="MetricDefinition.Name"/> from the result, never the raw input.
/// </summary>
public static class MetricRegistry
{
    /// <summary>Every metric, text and model-based, in registry order (<see cref="MetricDefinition.Index"/>).</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } =
        [.. MetricCatalog.Definitions().Select((d, i) => d with { Index = i })];

    /// <summary>The metrics <see cref="TextMetricsScorer"/> computes, in registry order.</summary>
    public static IReadOnlyList<MetricDefinition> TextMetrics { get; } = [.. All.Where(d => d.Kind == MetricKind.Text)];

    private static readonly FrozenDictionary<string, MetricDefinition> ByName =
        All.ToFrozenDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<string> Names => All.Select(d => d.Name);

    /// <summary>Case-insensitive look-up; also accepts any well-formed attribute metric (<see cref="AttributeMetric"/>),
    /// whose values exist only once a dataset's attributes were copied.</summary>
    public static bool TryGet(string name, out MetricDefinition definition) =>
        ByName.TryGetValue(name, out definition!) || AttributeMetric.TryDefine(name, out definition!);

    public static MetricDefinition Get(string name) => Resolve([name])[0];

    /// <summary>
    /// Validates names (case-insensitive, duplicates removed, registry order kept if <paramref name="keepOrder"/> is
    /// false). Null or empty → all metrics of <paramref name="kind"/> (or all metrics when kind is null).
    /// </summary>
    /// <exception cref="UnknownMetricException">Some names are not registered; lists the valid names.</exception>
    public static IReadOnlyList<MetricDefinition> Resolve(IEnumerable<string>? names, MetricKind? kind = null, bool keepOrder = false)
    {
        var pool = kind is null ? All : All.Where(d => d.Kind == kind).ToList();
        var requested = names?.ToList() ?? [];
        if (requested.Count == 0) return pool;
        var unknown = requested.Where(n => !TryGet(n, out var d) || (kind is not null && d.Kind != kind)).ToList();
        if (unknown.Count > 0) throw new UnknownMetricException(unknown, pool.Select(d => d.Name));
        var resolved = requested.Select(n => TryGet(n, out var d) ? d : throw new UnknownMetricException([n], Names)).Distinct();
        return keepOrder ? [.. resolved] : [.. resolved.OrderBy(d => d.Index)];
    }
}
