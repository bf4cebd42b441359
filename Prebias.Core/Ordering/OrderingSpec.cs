using System.Text.Json.Serialization;
using Prebias.Core.Metrics;

namespace Prebias.Core.Ordering;

/// <summary>
/// How training batches are ordered (the <c>ordering</c> object of <c>POST /api/runs</c>). Null fields take the
/// defaults below; fields that do not apply to the method are rejected rather than silently ignored.
/// </summary>
public sealed record OrderingSpec
{
    /// <summary>How samples are ordered. Default <c>shuffle</c>.</summary>
    public string Method { get; init; } = OrderingMethods.Shuffle;

    /// <summary>A metric of <c>GET /api/metrics</c> (case-insensitive), computed for the dataset; required by every
    /// method but shuffle.</summary>
    public string? Metric { get; init; }

    /// <summary>Keep samples with metric &gt;= Min (inclusive). Any metric method; threshold methods need Min or Max.</summary>
    public double? Min { get; init; }

    /// <summary>Keep samples with metric &lt;= Max (inclusive).</summary>
    public double? Max { get; init; }

    /// <summary><c>asc</c> (default) or <c>desc</c>; sorted_threshold and curriculum only (curriculum: asc = low metric is easy).</summary>
    public string? Order { get; init; }

    /// <summary>Curriculum bucket count. Default 4.</summary>
    public int? Buckets { get; init; }

    /// <summary>Curriculum pacing in (0, 1]: the fraction of training by which every bucket is open. Default 0.5.
    /// See <see cref="CurriculumPacing"/>.</summary>
    public double? Pacing { get; init; }

    /// <summary>Overrides the run seed for this ordering only.</summary>
    public long? Seed { get; init; }

    public const int DefaultBuckets = 4;
    public const double DefaultPacing = 0.5;

    [JsonIgnore] public int EffectiveBuckets => Buckets ?? DefaultBuckets;
    [JsonIgnore] public double EffectivePacing => Pacing ?? DefaultPacing;
    [JsonIgnore] public bool Descending => Method == OrderingMethods.SortDesc || Order == OrderingDirections.Desc;

    /// <summary>The min/max rule, or null when the spec has no bound.</summary>
    [JsonIgnore] public MetricFilter? Filter => Min is null && Max is null ? null : new MetricFilter(Metric ?? "", Min, Max);

    /// <summary>The problems with this spec (empty when valid), in words a user can act on.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!OrderingMethods.All.Contains(Method))
        {
            problems.Add($"unknown method '{Method}'; valid methods: {string.Join(", ", OrderingMethods.All)}");
            return problems;
        }
        var metricMethod = OrderingMethods.NeedsMetric(Method);
        if (metricMethod && string.IsNullOrWhiteSpace(Metric)) problems.Add($"method {Method} needs a metric");
        else if (metricMethod && !MetricRegistry.TryGet(Metric!, out _))
            problems.Add($"unknown metric '{Metric}'; valid metrics: {string.Join(", ", MetricRegistry.Names)}");
        if (!metricMethod && (Min is not null || Max is not null))
            problems.Add("shuffle does not filter; use method threshold with min/max");
        if (OrderingMethods.NeedsBound(Method) && Min is null && Max is null) problems.Add($"method {Method} needs min or max");
        if (Min is { } a && !double.IsFinite(a) || Max is { } b && !double.IsFinite(b)) problems.Add("min and max must be finite numbers");
        if (Min > Max) problems.Add($"min ({MetricFilter.Format(Min!.Value)}) is greater than max ({MetricFilter.Format(Max!.Value)})");
        if (Order is not null && !OrderingMethods.TakesDirection(Method))
            problems.Add($"order applies only to {OrderingMethods.SortedThreshold} and {OrderingMethods.Curriculum}");
        else if (Order is not null && !OrderingDirections.All.Contains(Order)) problems.Add($"order must be asc or desc, not '{Order}'");
        var curriculum = Method == OrderingMethods.Curriculum;
        if (!curriculum && (Buckets is not null || Pacing is not null)) problems.Add("buckets and pacing apply only to curriculum");
        if (Buckets < 1) problems.Add($"buckets must be at least 1, not {Buckets}");
        if (Pacing is { } p && !(p > 0 && p <= 1)) problems.Add($"pacing must be in (0, 1], not {MetricFilter.Format(p)}");
        return problems;
    }

    /// <exception cref="OrderingException">Lists every problem, e.g. "Invalid ordering: min (2) is greater than max (1).".</exception>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0) throw new OrderingException($"Invalid ordering: {string.Join("; ", problems)}.");
    }

    /// <summary>The registered metric (its <see cref="MetricDefinition.Name"/> is the safe SQL column), or null for shuffle.</summary>
    /// <exception cref="OrderingException">The spec is invalid.</exception>
    public MetricDefinition? ResolveMetric()
    {
        Validate();
        return OrderingMethods.NeedsMetric(Method) ? MetricRegistry.Get(Metric!) : null;
    }
}
