using Prebias.Core.Domain;

namespace Prebias.Core.Evaluation;

/// <summary>
/// Next-token and next-word accuracy on validation text: <see cref="Top1"/> and <see cref="Top5"/> are the shares of
/// target tokens that are the model's first choice or among its five best; <see cref="NextWord"/> is the top-1 share
/// over the tokens that begin a word (the first token of each word, predicted from the preceding words). NaN when
/// there was nothing to count.
/// </summary>
public sealed record KWordAccuracy(long Tokens, double Top1, double Top5, long Words, double NextWord)
{
    /// <summary>The metric names under which a checkpoint stores them (saturation tables, comparisons).</summary>
    public const string Top1Metric = "next_token_top1_accuracy";
    public const string Top5Metric = "next_token_top5_accuracy";
    public const string NextWordMetric = "next_word_accuracy";

    /// <summary>The checkpoint's rows: output-side points of the saturation tables (no input side: they are model measures).</summary>
    public IEnumerable<CheckpointMetricRecord> ToRecords(Guid runId, long step) =>
        new[] { (Top1Metric, Top1), (Top5Metric, Top5), (NextWordMetric, NextWord) }
            .Where(p => double.IsFinite(p.Item2))
            .Select(p => new CheckpointMetricRecord { RunId = runId, Step = step, Metric = p.Item1, Output = p.Item2 });

    /// <summary>Counts hits from each position's ranked predictions.</summary>
    public sealed class Tally
    {
        private long _tokens, _top1, _top5, _words, _wordHits;

        /// <param name="target">The token that came next.</param>
        /// <param name="ranked">The model's best tokens at this position, best first (five, or fewer in a tiny vocabulary).</param>
        /// <param name="startsWord">Whether <paramref name="target"/> begins a word.</param>
        public void Add(int target, ReadOnlySpan<int> ranked, bool startsWord)
        {
            _tokens++;
            var first = ranked.Length > 0 && ranked[0] == target;
            if (first) _top1++;
            if (ranked[..Math.Min(5, ranked.Length)].Contains(target)) _top5++;
            if (!startsWord) return;
            _words++;
            if (first) _wordHits++;
        }

        public KWordAccuracy Result() => new(_tokens, Share(_top1, _tokens), Share(_top5, _tokens), _words, Share(_wordHits, _words));

        private static double Share(long hits, long total) => total == 0 ? double.NaN : (double)hits / total;
    }

    /// <summary>Whether a tokenizer piece begins a word: SentencePiece marks it with ▁, GPT-2's byte BPE with Ġ.</summary>
    public static bool StartsWord(string piece) => piece.Length > 0 && piece[0] is '\u2581' or '\u0120';
}
