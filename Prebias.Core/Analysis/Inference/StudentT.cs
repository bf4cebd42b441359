namespace Prebias.Core.Analysis.Inference;

/// <summary>
/// Student's t distribution with ν &gt; 0 degrees of freedom (real ν, as Welch's test needs), exact through the
/// incomplete beta function: for t ≥ 0, P(T &gt; t) = ½ I_{ν/(ν+t²)}(ν/2, ½) (Abramowitz and Stegun 26.7.1).
/// </summary>
public static class StudentT
{
    /// <summary>P(T ≤ t).</summary>
    public static double Cdf(double t, double degrees)
    {
        Check(degrees);
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsPositiveInfinity(t)) return 1;
        if (double.IsNegativeInfinity(t)) return 0;
        var tail = 0.5 * SpecialFunctions.RegularizedIncompleteBeta(degrees / (degrees + t * t), degrees / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>P(T &gt; t), computed directly so that small upper tails keep their relative accuracy.</summary>
    public static double UpperTail(double t, double degrees) => Cdf(-t, degrees);

    /// <summary>P(|T| ≥ |t|), the two-sided p-value of a t statistic.</summary>
    public static double TwoSidedP(double t, double degrees)
    {
        Check(degrees);
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return 0;
        return SpecialFunctions.RegularizedIncompleteBeta(degrees / (degrees + t * t), degrees / 2, 0.5);
    }

    /// <summary>The density at t.</summary>
    public static double Density(double t, double degrees)
    {
        Check(degrees);
        return Math.Exp(SpecialFunctions.LogGamma((degrees + 1) / 2) - SpecialFunctions.LogGamma(degrees / 2)
                        - 0.5 * Math.Log(degrees * Math.PI) - (degrees + 1) / 2 * Math.Log(1 + t * t / degrees));
    }

    /// <summary>
    /// The quantile t_p (P(T ≤ t_p) = p) for p in (0, 1): Newton's method on <see cref="Cdf"/> kept inside a bracket
    /// (a step that leaves the bracket is replaced by bisection), to about 1e-12 relative.
    /// </summary>
    public static double Quantile(double p, double degrees)
    {
        Check(degrees);
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "must be in (0, 1)");
        if (p == 0.5) return 0;
        if (p < 0.5) return -Quantile(1 - p, degrees);
        // Upper half: the root lies in (0, hi]; widen hi until it is bracketed (ν = 1, p = 1 − 1e-12 needs ~3e11).
        double lo = 0, hi = 1;
        while (Cdf(hi, degrees) < p) { lo = hi; hi *= 2; }
        var t = 0.5 * (lo + hi);
        for (var i = 0; i < 200; i++)
        {
            // Work on the upper tail: 1 − p is exact where p is close to 1.
            var f = UpperTail(t, degrees) - (1 - p); // decreasing in t
            if (f > 0) lo = t; else hi = t;
            var next = t + f / Density(t, degrees);
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - t) <= 1e-13 * Math.Max(1, Math.Abs(t))) return next;
            t = next;
        }
        return t;
    }

    private static void Check(double degrees)
    {
        if (!(degrees > 0)) throw new ArgumentOutOfRangeException(nameof(degrees), degrees, "degrees of freedom must be positive");
    }
}
