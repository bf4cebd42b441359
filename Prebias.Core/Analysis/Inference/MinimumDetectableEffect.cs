namespace Prebias.Core.Analysis.Inference;

/// <summary>
/// The smallest true difference a two-sided t-test at level α detects with the given power, from the standard error
/// the data gave: MDE = (t_{1−α/2, ν} + t_{power, ν}) · SE. This is the usual approximation to the noncentral-t power
/// equation (the noncentral t replaced by a shifted central t; with ν → ∞ it is the normal formula (z_{1−α/2} + z_β)·SE);
/// it ignores the chance of rejecting in the wrong direction and is slightly optimistic for very small ν.
/// </summary>
public static class MinimumDetectableEffect
{
    public static double Compute(double standardError, double degrees, double alpha = 0.05, double power = 0.8)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must be in (0, 1)");
        if (!(power > 0 && power < 1)) throw new ArgumentOutOfRangeException(nameof(power), power, "must be in (0, 1)");
        return (StudentT.Quantile(1 - alpha / 2, degrees) + StudentT.Quantile(power, degrees)) * standardError;
    }
}
