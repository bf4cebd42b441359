namespace Prebias.Core.Ordering;

/// <summary>
/// The sampling distributions of the <c>dynamic</c> method and their summaries. A raw score s_i becomes
/// p_i = (1 − floor)·s_i^(1/τ)/Σ s^(1/τ) + floor/N: the temperature τ flattens (τ &gt; 1) or sharpens (τ &lt; 1) the
/// preference, and the floor mixes in the uniform distribution so that every candidate keeps a chance of at least
/// floor/N.
/// </summary>
public static class SamplingWeights
{
    /// <summary>Loss policy: s_i = loss_i^α. Non-finite or negative losses count as 0 (only the floor draws
    /// them).</summary>
    public static double[] FromLosses(ReadOnlySpan<double> losses, double alpha, double temperature, double floor)
    {
        var log = new double[losses.Length];
        for (var i = 0; i < log.Length; i++)
            log[i] = double.IsFinite(losses[i]) && losses[i] > 0
                ? alpha * Math.Log(losses[i]) : double.NegativeInfinity;
        return Normalise(log, temperature, floor);
    }

    /// <summary>Target policy: s_i = exp(β·direction·z_i) with direction = sign(target − output) in {−1, 0,
    /// 1}.</summary>
    public static double[] TowardTarget(ReadOnlySpan<double> z, int direction, double beta, double temperature,
        double floor)
    {
        var log = new double[z.Length];
        for (var i = 0; i < log.Length; i++) log[i] = beta * direction * z[i];
        return Normalise(log, temperature, floor);
    }

    /// <summary>Standard scores (x − mean)/sd; a constant column gives zeros.</summary>
    public static double[] ZScores(ReadOnlySpan<double> values)
    {
        double mean = 0, squares = 0;
        foreach (var v in values) mean += v;
        mean /= Math.Max(1, values.Length);
        foreach (var v in values) squares += (v - mean) * (v - mean);
        var sd = values.Length > 1 ? Math.Sqrt(squares / (values.Length - 1)) : 0;
        var z = new double[values.Length];
        for (var i = 0; i < z.Length; i++) z[i] = sd > 0 ? (values[i] - mean) / sd : 0;
        return z;
    }

    /// <summary>Shannon entropy in nats: ln N for the uniform distribution.</summary>
    public static double Entropy(ReadOnlySpan<double> p)
    {
        double h = 0;
        foreach (var x in p) if (x > 0) h -= x * Math.Log(x);
        return h;
    }

    /// <summary>Kish's effective sample size 1/Σp²: N for uniform weights, 1 when one candidate takes
    /// everything.</summary>
    public static double EffectiveSampleSize(ReadOnlySpan<double> p)
    {
        double squares = 0;
        foreach (var x in p) squares += x * x;
        return squares > 0 ? 1 / squares : 0;
    }

    /// <summary>Σ p_i·v_i over the candidates whose value is finite, renormalised over them.</summary>
    public static double WeightedMean(ReadOnlySpan<double> p, ReadOnlySpan<double> values)
    {
        double sum = 0, mass = 0;
        for (var i = 0; i < p.Length; i++)
            if (double.IsFinite(values[i])) (sum, mass) = (sum + p[i] * values[i], mass + p[i]);
        return mass > 0 ? sum / mass : double.NaN;
    }

    // Softmax of log-scores / τ (shifted by the maximum, so large α or β cannot overflow), then the uniform floor.
    private static double[] Normalise(double[] log, double temperature, double floor)
    {
        var n = log.Length;
        var max = double.NegativeInfinity;
        foreach (var v in log) max = Math.Max(max, v);
        var p = new double[n];
        if (n == 0) return p;
        double sum = 0;
        if (double.IsFinite(max))
            for (var i = 0; i < n; i++) sum += p[i] = Math.Exp((log[i] - max) / temperature);
        for (var i = 0; i < n; i++) p[i] = (sum > 0 ? (1 - floor) * p[i] / sum : (1 - floor) / n) + floor / n;
        return p;
    }
}
