namespace Prebias.Core.Plots;

/// <summary>How the spread across seeds is drawn around an ordering's mean curve.</summary>
public enum SeedBand
{
    /// <summary>From the smallest to the largest seed value at each checkpoint.</summary>
    MinMax,

    /// <summary>Mean ± one sample standard deviation (n − 1) across seeds; a single seed gives no band width.</summary>
    StandardDeviation,
}
