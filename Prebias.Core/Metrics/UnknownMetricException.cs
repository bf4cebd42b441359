namespace Prebias.Core.Metrics;

/// <summary>Thrown for metric names not in the registry; the message lists the valid names (safe to return as a 400).</summary>
public sealed class UnknownMetricException(IReadOnlyList<string> unknown, IEnumerable<string> valid)
    : ArgumentException($"Unknown metric(s): {string.Join(", ", unknown)}. Valid metrics: {string.Join(", ", valid)}.")
{
    public IReadOnlyList<string> UnknownNames { get; } = unknown;
}
