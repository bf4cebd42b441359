namespace Prebias.Core.Metrics;

/// <summary>
/// Measure of Textual Lexical Diversity (McCarthy &amp; Jarvis, 2010, Behavior Research Methods 42(2)).
/// Walk the tokens keeping a running type/token ratio; each time it falls to the threshold (0.72) one factor is
/// complete and the counts reset. The leftover segment adds a partial factor (1 - TTR) / (1 - 0.72).
/// MTLD = tokens / factors, computed forwards and backwards and averaged ("bidirectional"). Undefined (NaN) for an
/// empty text or when no factor accrues at all (every word distinct, so TTR stays 1).
/// </summary>
public static class Mtld
{
    public const double Threshold = 0.72;

    /// <summary>Bidirectional MTLD of word hashes; <paramref name="types"/> is scratch space.</summary>
    public static double Compute(ReadOnlySpan<ulong> tokens, HashSet<ulong> types)
    {
        if (tokens.IsEmpty) return double.NaN;
        var forward = Factors(tokens, reverse: false, types);
        var backward = Factors(tokens, reverse: true, types);
        if (forward <= 0 || backward <= 0) return double.NaN;
        return (tokens.Length / forward + tokens.Length / backward) / 2;
    }

    /// <summary>Factor count in one direction (full factors plus the partial one).</summary>
    public static double Factors(ReadOnlySpan<ulong> tokens, bool reverse, HashSet<ulong> types)
    {
        types.Clear();
        var factors = 0.0;
        var count = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            types.Add(tokens[reverse ? tokens.Length - 1 - i : i]);
            count++;
            if ((double)types.Count / count > Threshold) continue;
            factors++;
            types.Clear();
            count = 0;
        }
        if (count > 0) factors += (1 - (double)types.Count / count) / (1 - Threshold);
        return factors;
    }
}
