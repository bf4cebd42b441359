namespace Prebias.Core.Analysis.Inference;

/// <summary>
/// A t-test of a mean difference: the estimate, its standard error, the degrees of freedom, t = estimate / SE, the
/// two-sided p-value and the two-sided confidence interval estimate ± t_{(1+level)/2, df} · SE.
/// When SE = 0 (every difference identical) t is 0 for a zero estimate (p = 1) and ±∞ otherwise (p = 0), and the
/// interval collapses to the estimate.
/// </summary>
public sealed record TTestResult(double Estimate, double StandardError, double Degrees, double Statistic, double P, double Lower, double Upper, double Level)
{
    internal static TTestResult From(double estimate, double standardError, double degrees, double level)
    {
        var t = standardError > 0 ? estimate / standardError : estimate == 0 ? 0 : Math.CopySign(double.PositiveInfinity, estimate);
        var half = standardError > 0 ? StudentT.Quantile((1 + level) / 2, degrees) * standardError : 0;
        return new TTestResult(estimate, standardError, degrees, t, StudentT.TwoSidedP(t, degrees), estimate - half, estimate + half, level);
    }
}
