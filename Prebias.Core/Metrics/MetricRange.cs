namespace Prebias.Core.Metrics;

/// <summary>Possible values of a metric; a null bound means unbounded on that side.</summary>
public readonly record struct MetricRange(double? Min, double? Max)
{
    public static MetricRange Unbounded => new(null, null);
    public static MetricRange NonNegative => new(0, null);
    public static MetricRange UnitInterval => new(0, 1);

    public override string ToString() => $"[{Min?.ToString() ?? "-inf"}, {Max?.ToString() ?? "+inf"}]";
}
