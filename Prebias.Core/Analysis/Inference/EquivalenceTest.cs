namespace Prebias.Core.Analysis.Inference;

/// <summary>
/// Schuirmann's (1987) two one-sided tests (TOST) of equivalence: H0 |μ| ≥ Δ against H1 |μ| &lt; Δ, from an estimate,
/// its standard error and degrees of freedom. p = max(P(T ≥ (est + Δ)/SE), P(T ≤ (est − Δ)/SE)); rejecting at α is
/// the same as the (1 − 2α) confidence interval lying inside (−Δ, Δ). With SE = 0 the estimate is exact: p = 0 when
/// |est| &lt; Δ, else 1. A margin of 0 (or NaN) can never be passed.
/// </summary>
public static class EquivalenceTest
{
    public static double PValue(double estimate, double standardError, double degrees, double margin)
    {
        if (!(margin > 0) || double.IsNaN(estimate)) return 1;
        if (standardError == 0) return Math.Abs(estimate) < margin ? 0 : 1;
        var lower = StudentT.UpperTail((estimate + margin) / standardError, degrees); // H0: μ ≤ −Δ
        var upper = StudentT.Cdf((estimate - margin) / standardError, degrees);       // H0: μ ≥ +Δ
        return Math.Max(lower, upper);
    }
}
