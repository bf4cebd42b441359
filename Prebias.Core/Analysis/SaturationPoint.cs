namespace Prebias.Core.Analysis;

/// <summary>The checkpoint from which a metric stays within tolerance of its final value: its position in the series,
/// its training step, its value, the final value and the band half-width used.</summary>
public sealed record SaturationPoint(int Index, long Step, double Value, double FinalValue, double Tolerance);
