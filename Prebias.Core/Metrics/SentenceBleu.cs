using Prebias.Core.Text;

namespace Prebias.Core.Metrics;

/// <summary>
/// Sentence-level BLEU-4 (Papineni et al., 2002) of a candidate against one fixed reference, with uniform
/// weights 1/4, the brevity penalty exp(1 - r/c) when c &lt; r, and smoothing method 1 of Chen &amp; Cherry (2014):
/// an n-gram order with no match gets precision 0.1 / (candidate n-grams). As in NLTK's <c>sentence_bleu</c>
/// (the reference implementation), a candidate with no unigram match scores exactly 0.
/// Tokens are lower-cased words from <see cref="WordTokenizer"/> (punctuation is not a token, unlike NLTK).
/// Thread-safe: the reference counts are read-only; callers pass their own scratch dictionary.
/// </summary>
public sealed class SentenceBleu
{
    private const int MaxOrder = 4;
    private const double Epsilon = 0.1;
    private readonly Dictionary<ulong, int> _referenceCounts = [];
    private readonly int _referenceLength;

    public SentenceBleu(string reference)
    {
        var hashes = WordTokenizer.Words(reference).ConvertAll(w => WordHash.Of(w)).ToArray();
        _referenceLength = hashes.Length;
        for (var n = 1; n <= MaxOrder; n++)
            for (var i = 0; i + n <= hashes.Length; i++)
                _referenceCounts[NGram(hashes, i, n)] = _referenceCounts.GetValueOrDefault(NGram(hashes, i, n)) + 1;
    }

    /// <summary>BLEU in [0, 1] of the candidate's word hashes; 0 for an empty candidate.</summary>
    public double Score(ReadOnlySpan<ulong> candidate, Dictionary<ulong, int> scratch)
    {
        var c = candidate.Length;
        if (c == 0 || _referenceLength == 0) return 0;
        var logSum = 0.0;
        for (var n = 1; n <= MaxOrder; n++)
        {
            scratch.Clear();
            for (var i = 0; i + n <= c; i++)
            {
                var key = NGram(candidate, i, n);
                scratch[key] = scratch.GetValueOrDefault(key) + 1;
            }
            var matches = 0;
            foreach (var (gram, count) in scratch)
                if (_referenceCounts.TryGetValue(gram, out var referenceCount)) matches += Math.Min(count, referenceCount);
            if (n == 1 && matches == 0) return 0;
            var total = Math.Max(1, c - n + 1);
            var precision = matches > 0 ? (double)matches / total : Epsilon / total;
            logSum += Math.Log(precision) / MaxOrder;
        }
        var brevity = c >= _referenceLength ? 1.0 : Math.Exp(1.0 - (double)_referenceLength / c);
        return brevity * Math.Exp(logSum);
    }

    private static ulong NGram(ReadOnlySpan<ulong> words, int start, int n)
    {
        var hash = (ulong)n;
        for (var k = 0; k < n; k++) hash = WordHash.Combine(hash, words[start + k]);
        return hash;
    }
}
