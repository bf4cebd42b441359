using System.Text.Json.Serialization;
using Prebias.Core.Metrics;

namespace Prebias.Core.Ordering;

/// <summary>
/// How training batches are ordered (the <c>ordering</c> object of <c>POST /api/runs</c>). JSON camelCase
/// through <see cref="JsonDefaults.Options"/>. Null fields take the defaults below; fields that do not apply to
/// <see cref="Method"/> are rejected by <see cref="Validate"/> rather than silently ignored.
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

    /// <summary>dynamic only: <c>loss</c> (default) or <c>target</c> (<see cref="DynamicPolicies"/>).</summary>
    public string? Policy { get; init; }

    /// <summary>dynamic only: steps between refreshes; each refresh decides the next window of this many steps. Default 50.</summary>
    public int? RefreshInterval { get; init; }

    /// <summary>dynamic loss policy: train samples scored per refresh (all when fewer). Default 512.</summary>
    public int? PoolSize { get; init; }

    /// <summary>dynamic loss policy: the exponent α of p ∝ loss^α. Default 1.</summary>
    public double? Alpha { get; init; }

    /// <summary>dynamic: τ &gt; 0 in p ∝ score^(1/τ); larger is closer to uniform. Default 1.</summary>
    public double? Temperature { get; init; }

    /// <summary>dynamic: the share in [0, 1) of uniform probability mixed in, so every candidate keeps floor/N. Default 0.05.</summary>
    public double? Floor { get; init; }

    /// <summary>dynamic target policy: the value the mean output metric is steered toward (required).</summary>
    public double? Target { get; init; }

    /// <summary>dynamic target policy: β &gt; 0 in p ∝ exp(β·sign(target − output)·z(metric)). Default 1.</summary>
    public double? Beta { get; init; }

    public const int DefaultBuckets = 4;
    public const double DefaultPacing = 0.5;
    public const int DefaultRefreshInterval = 50;
    public const int DefaultPoolSize = 512;
    public const double DefaultAlpha = 1, DefaultTemperature = 1, DefaultFloor = 0.05, DefaultBeta = 1;

    [JsonIgnore] public string EffectivePolicy => Policy ?? DynamicPolicies.Loss;
    [JsonIgnore] public int EffectiveRefreshInterval => RefreshInterval ?? DefaultRefreshInterval;
    [JsonIgnore] public int EffectivePoolSize => PoolSize ?? DefaultPoolSize;
    [JsonIgnore] public double EffectiveAlpha => Alpha ?? DefaultAlpha;
    [JsonIgnore] public double EffectiveTemperature => Temperature ?? DefaultTemperature;
    [JsonIgnore] public double EffectiveFloor => Floor ?? DefaultFloor;
    [JsonIgnore] public double EffectiveBeta => Beta ?? DefaultBeta;

    /// <summary>Whether the ordering reads a metric column: every metric method, and dynamic when it names one.</summary>
    [JsonIgnore] public bool UsesMetric => OrderingMethods.NeedsMetric(Method) || Method == OrderingMethods.Dynamic && Metric is not null;

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
        else if (UsesMetric && !MetricRegistry.TryGet(Metric!, out _))
            problems.Add($"unknown metric '{Metric}'; valid metrics: {string.Join(", ", MetricRegistry.Names)}");
        if (!metricMethod && (Min is not null || Max is not null))
            problems.Add($"{Method} does not filter; use method threshold with min/max");
        problems.AddRange(DynamicProblems());
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
        return UsesMetric ? MetricRegistry.Get(Metric!) : null;
    }

    private IEnumerable<string> DynamicProblems()
    {
        if (Method != OrderingMethods.Dynamic)
        {
            if (Policy is not null || RefreshInterval is not null || PoolSize is not null || Alpha is not null || Temperature is not null
                || Floor is not null || Target is not null || Beta is not null)
                yield return "policy, refreshInterval, poolSize, alpha, temperature, floor, target and beta apply only to method dynamic";
            yield break;
        }
        if (Policy is not null && !DynamicPolicies.All.Contains(Policy))
        {
            yield return $"policy must be one of {string.Join(", ", DynamicPolicies.All)}, not '{Policy}'";
            yield break;
        }
        var target = EffectivePolicy == DynamicPolicies.Target;
        if (target && string.IsNullOrWhiteSpace(Metric)) yield return "policy target needs a metric (the one to steer)";
        if (target && Target is null) yield return "policy target needs a target value";
        if (Target is { } t && !double.IsFinite(t)) yield return "target must be a finite number";
        if (!target && (Target is not null || Beta is not null)) yield return "target and beta apply only to policy target";
        if (target && (PoolSize is not null || Alpha is not null)) yield return "poolSize and alpha apply only to policy loss";
        if (RefreshInterval < 1) yield return $"refreshInterval must be at least 1, not {RefreshInterval}";
        if (PoolSize < 1) yield return $"poolSize must be at least 1, not {PoolSize}";
        if (Alpha is { } a && !(double.IsFinite(a) && a >= 0)) yield return $"alpha must be a finite number >= 0, not {Format(a)}";
        if (Beta is { } b && !(double.IsFinite(b) && b > 0)) yield return $"beta must be a finite number > 0, not {Format(b)}";
        if (Temperature is { } tau && !(double.IsFinite(tau) && tau > 0)) yield return $"temperature must be a finite number > 0, not {Format(tau)}";
        if (Floor is { } f && !(f >= 0 && f < 1)) yield return $"floor must be in [0, 1), not {Format(f)}";
    }

    private static string Format(double value) => MetricFilter.Format(value);
}
