namespace Prebias.Core.Analysis;

/// <summary>
/// Divergence between two models' next-token distributions on the same probe positions (how far apart two
/// orderings' models are). Inputs are raw logits, row-major (N positions × V vocabulary), e.g.
/// <c>logits.reshape(-1, V).data&lt;float&gt;().ToArray()</c> for both checkpoints on the same token ids.
/// <para>Per position, log P = log_softmax(logits) computed stably in double: z − max(z) − log Σ exp(z − max(z)).
/// KL(P‖Q) = Σ_v P(v) (log P(v) − log Q(v)) in nats; a term with P(v) = 0 (underflow) is 0. Results are means over
/// the N positions.</para>
/// </summary>
public static class NextTokenDivergence
{
    /// <summary>Mean over positions of KL(P‖Q), P from <paramref name="logitsP"/>, Q from <paramref name="logitsQ"/>.</summary>
    public static double MeanKlDivergence(ReadOnlySpan<float> logitsP, ReadOnlySpan<float> logitsQ, int vocabSize) =>
        Mean(KlDivergencePerPosition(logitsP, logitsQ, vocabSize));

    /// <summary>Mean over positions of the Jensen–Shannon divergence ½KL(P‖M) + ½KL(Q‖M), M = ½(P + Q) (Lin 1991), in
    /// nats, so each term lies in [0, ln 2].</summary>
    public static double MeanJensenShannonDivergence(ReadOnlySpan<float> logitsP, ReadOnlySpan<float> logitsQ, int vocabSize)
    {
        var positions = Positions(logitsP, logitsQ, vocabSize);
        var logP = new double[vocabSize];
        var logQ = new double[vocabSize];
        double total = 0;
        for (var n = 0; n < positions; n++)
        {
            LogSoftmax(logitsP.Slice(n * vocabSize, vocabSize), logP);
            LogSoftmax(logitsQ.Slice(n * vocabSize, vocabSize), logQ);
            double js = 0;
            for (var v = 0; v < vocabSize; v++)
            {
                // log M = log(½(e^lp + e^lq)) = max + log(e^(lp−max) + e^(lq−max)) − ln 2, stable for tiny probabilities.
                var max = Math.Max(logP[v], logQ[v]);
                if (double.IsNegativeInfinity(max)) continue;
                var logM = max + Math.Log(Math.Exp(logP[v] - max) + Math.Exp(logQ[v] - max)) - Math.Log(2);
                var p = Math.Exp(logP[v]);
                var q = Math.Exp(logQ[v]);
                if (p > 0) js += 0.5 * p * (logP[v] - logM);
                if (q > 0) js += 0.5 * q * (logQ[v] - logM);
            }
            total += js;
        }
        return total / positions;
    }

    /// <summary>KL(P‖Q) at each of the N positions, length N.</summary>
    public static double[] KlDivergencePerPosition(ReadOnlySpan<float> logitsP, ReadOnlySpan<float> logitsQ, int vocabSize)
    {
        var positions = Positions(logitsP, logitsQ, vocabSize);
        var logP = new double[vocabSize];
        var logQ = new double[vocabSize];
        var result = new double[positions];
        for (var n = 0; n < positions; n++)
        {
            LogSoftmax(logitsP.Slice(n * vocabSize, vocabSize), logP);
            LogSoftmax(logitsQ.Slice(n * vocabSize, vocabSize), logQ);
            double kl = 0;
            for (var v = 0; v < vocabSize; v++)
            {
                var p = Math.Exp(logP[v]);
                if (p > 0) kl += p * (logP[v] - logQ[v]);
            }
            // Rounding can leave −1e−17 for identical rows; KL is never negative.
            result[n] = Math.Max(kl, 0);
        }
        return result;
    }

    /// <summary>Stable log-softmax of one row of logits into <paramref name="destination"/> (same length).</summary>
    public static void LogSoftmax(ReadOnlySpan<float> logits, Span<double> destination)
    {
        double max = double.NegativeInfinity;
        foreach (var z in logits) if (z > max) max = z;
        double sum = 0;
        foreach (var z in logits) sum += Math.Exp(z - max);
        var logNormalizer = max + Math.Log(sum);
        for (var i = 0; i < logits.Length; i++) destination[i] = logits[i] - logNormalizer;
    }

    private static int Positions(ReadOnlySpan<float> logitsP, ReadOnlySpan<float> logitsQ, int vocabSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabSize, 1);
        if (logitsP.Length != logitsQ.Length)
            throw new ArgumentException($"shapes differ: {logitsP.Length} vs {logitsQ.Length} values", nameof(logitsQ));
        if (logitsP.Length == 0 || logitsP.Length % vocabSize != 0)
            throw new ArgumentException($"length {logitsP.Length} is not a positive multiple of vocab size {vocabSize}", nameof(logitsP));
        return logitsP.Length / vocabSize;
    }

    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }
}
