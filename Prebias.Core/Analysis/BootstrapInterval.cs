namespace Prebias.Core.Analysis;

/// <summary>
/// A point estimate with its percentile-bootstrap confidence interval. <see cref="IsDefined"/> is false (and
/// <see cref="Lower"/>, <see cref="Upper"/> are NaN) when a group has fewer than two values: resampling one value always
/// gives that value back, so the "interval" would claim zero uncertainty. <see cref="Estimate"/> is still the plain
/// difference of means (or mean) whenever every group has at least one value.
/// </summary>
public sealed record BootstrapInterval(
    double Estimate,
    double Lower,
    double Upper,
    double Level,
    int Resamples,
    bool IsDefined)
{
    /// <summary>True when the interval is defined and contains <paramref name="value"/> (bounds inclusive).</summary>
    public bool Contains(double value) => IsDefined && Lower <= value && value <= Upper;
}
