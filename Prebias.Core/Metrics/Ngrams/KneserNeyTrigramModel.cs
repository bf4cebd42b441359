using System.Text;

namespace Prebias.Core.Metrics.Ngrams;

/// <summary>
/// Interpolated modified Kneser–Ney 3-gram model over words (Chen &amp; Goodman 1998, section 3), the reference for
/// <c>oov_rate</c> and <c>ngram_perplexity</c>; built from a dataset's train split by <see cref="KneserNeyTrigramBuilder"/>.
/// <para>
/// p3(w | u v) = (max(c(uvw) − D3(c), 0) + γ3(uv) · p2(w | v)) / c(uv•), where γ3(uv) = D3,1 N1(uv•) + D3,2 N2(uv•)
/// + D3,3+ N3+(uv•); a history never seen backs off to p2 entirely. p2 and p1 have the same form on continuation
/// counts (the number of distinct words seen before the n-gram; raw counts for bigrams that start with &lt;s&gt;, which
/// nothing precedes, as KenLM does); p1 is interpolated with the uniform 1/|V| over the words, &lt;/s&gt; and &lt;unk&gt;,
/// so a word outside the training vocabulary (&lt;unk&gt;) gets γ1/(|V|·total), a small but nonzero probability.
/// Discounts per order: <see cref="KneserNeyDiscounts.Estimate"/>. Every conditional distribution sums to 1.
/// </para>
/// Read-only after construction, so thread-safe.
/// </summary>
public sealed class KneserNeyTrigramModel
{
    public const int Unknown = 0, EndOfText = 1, StartOfText = 2, FirstWordId = 3;
    private const int NoWord = -1;
    private static readonly byte[] Magic = "PBKN3\u0001"u8.ToArray();

    private readonly Dictionary<ulong, int> _ids;
    private readonly ulong[] _words;
    private readonly Dictionary<int, long> _starts;
    private readonly Dictionary<ulong, long> _trigrams;
    private readonly Dictionary<ulong, NgramContext> _trigramHistories = [];
    private readonly Dictionary<ulong, long> _bigrams = [];
    private readonly NgramContext[] _bigramHistories;
    private readonly long[] _unigrams;
    private readonly NgramContext _unigramHistory;

    /// <param name="words">Word hashes in id order (id = <see cref="FirstWordId"/> + index).</param>
    /// <param name="starts">Raw counts of the bigrams (&lt;s&gt;, w) by w.</param>
    /// <param name="trigrams">Raw trigram counts, keys packed by <see cref="NgramKeys"/>.</param>
    internal KneserNeyTrigramModel(ulong[] words, Dictionary<int, long> starts, Dictionary<ulong, long> trigrams)
    {
        _words = words;
        _ids = new Dictionary<ulong, int>(words.Length);
        for (var i = 0; i < words.Length; i++) _ids[words[i]] = FirstWordId + i;
        _starts = starts;
        _trigrams = trigrams;
        var ids = FirstWordId + words.Length;

        var third = new CountOfCounts();
        foreach (var (trigram, count) in trigrams)
        {
            var history = NgramKeys.History(trigram);
            var context = _trigramHistories.GetValueOrDefault(history);
            context.Add(count);
            _trigramHistories[history] = context;
            third.Add(count);
            // Each distinct trigram is one more distinct left neighbour of its last two words.
            var suffix = NgramKeys.Suffix(trigram);
            _bigrams[suffix] = _bigrams.GetValueOrDefault(suffix) + 1;
        }
        foreach (var (word, count) in starts) _bigrams[NgramKeys.Of(StartOfText, word)] = count;

        var second = new CountOfCounts();
        _bigramHistories = new NgramContext[ids];
        _unigrams = new long[ids];
        foreach (var (bigram, count) in _bigrams)
        {
            _bigramHistories[NgramKeys.First(bigram)].Add(count);
            second.Add(count);
            _unigrams[NgramKeys.Last(bigram)]++;
        }

        var first = new CountOfCounts();
        foreach (var count in _unigrams)
        {
            if (count == 0) continue;
            _unigramHistory.Add(count);
            first.Add(count);
        }
        Discounts = [first.Discounts(), second.Discounts(), third.Discounts()];
    }

    /// <summary>Training words (distinct, lower-cased), without &lt;s&gt;, &lt;/s&gt; and &lt;unk&gt;.</summary>
    public int WordCount => _words.Length;

    /// <summary>|V| of the uniform distribution: the training words, &lt;/s&gt; and &lt;unk&gt; (&lt;s&gt; is never predicted).</summary>
    public int PredictedVocabularySize => _words.Length + 2;

    /// <summary>Distinct trigrams seen in training.</summary>
    public int TrigramCount => _trigrams.Count;

    /// <summary>Discounts of orders 1, 2 and 3 (index 0, 1, 2).</summary>
    public IReadOnlyList<KneserNeyDiscounts> Discounts { get; }

    /// <summary>The id of a word hash (<see cref="Text.WordHash"/>); <see cref="Unknown"/> when not in the training vocabulary.</summary>
    public int IdOf(ulong wordHash) => _ids.GetValueOrDefault(wordHash, Unknown);

    /// <summary>p(w | u v) for ids; <paramref name="u"/> = −1 when only one word of history exists (right after &lt;s&gt;).</summary>
    public double Probability(int u, int v, int w)
    {
        if (u == NoWord) return Bigram(v, w);
        if (!_trigramHistories.TryGetValue(NgramKeys.Of(u, v), out var history)) return Bigram(v, w);
        var count = _trigrams.GetValueOrDefault(NgramKeys.Of(u, v, w));
        var d = Discounts[2];
        return (Math.Max(count - d.Of(count), 0) + history.DiscountedMass(d) * Bigram(v, w)) / history.Total;
    }

    /// <summary>
    /// Scores a text given as word hashes, as the sequence &lt;s&gt; w1 … wn &lt;/s&gt;: the natural-log probability
    /// of its n + 1 predicted tokens, and how many words are outside the training vocabulary.
    /// </summary>
    public double LogProbability(ReadOnlySpan<ulong> wordHashes, out int outOfVocabulary)
    {
        outOfVocabulary = 0;
        var (u, v) = (NoWord, StartOfText);
        var logProbability = 0.0;
        for (var i = 0; i <= wordHashes.Length; i++)
        {
            var w = i < wordHashes.Length ? IdOf(wordHashes[i]) : EndOfText;
            if (w == Unknown) outOfVocabulary++;
            logProbability += Math.Log(Probability(u, v, w));
            (u, v) = (v, w);
        }
        return logProbability;
    }

    private double Bigram(int v, int w)
    {
        var history = v < _bigramHistories.Length ? _bigramHistories[v] : default;
        if (history.Total == 0) return Unigram(w);
        var count = _bigrams.GetValueOrDefault(NgramKeys.Of(v, w));
        var d = Discounts[1];
        return (Math.Max(count - d.Of(count), 0) + history.DiscountedMass(d) * Unigram(w)) / history.Total;
    }

    private double Unigram(int w)
    {
        var uniform = 1.0 / PredictedVocabularySize;
        if (_unigramHistory.Total == 0) return uniform;
        var count = w < _unigrams.Length ? _unigrams[w] : 0;
        var d = Discounts[0];
        return (Math.Max(count - d.Of(count), 0) + _unigramHistory.DiscountedMass(d) * uniform) / _unigramHistory.Total;
    }

    /// <summary>Writes the vocabulary and the raw counts (everything else is derived on load); deterministic bytes.</summary>
    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(_words.Length);
        foreach (var word in _words) writer.Write(word);
        writer.Write(_starts.Count);
        foreach (var (word, count) in _starts.OrderBy(p => p.Key)) { writer.Write(word); writer.Write(count); }
        writer.Write(_trigrams.Count);
        foreach (var (key, count) in _trigrams.OrderBy(p => p.Key)) { writer.Write(key); writer.Write(count); }
    }

    public static KneserNeyTrigramModel Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException("Not a Kneser–Ney 3-gram model file.");
        var words = new ulong[reader.ReadInt32()];
        for (var i = 0; i < words.Length; i++) words[i] = reader.ReadUInt64();
        var startCount = reader.ReadInt32();
        var starts = new Dictionary<int, long>(startCount);
        for (var i = 0; i < startCount; i++) starts.Add(reader.ReadInt32(), reader.ReadInt64());
        var trigramCount = reader.ReadInt32();
        var trigrams = new Dictionary<ulong, long>(trigramCount);
        for (var i = 0; i < trigramCount; i++) trigrams.Add(reader.ReadUInt64(), reader.ReadInt64());
        return new KneserNeyTrigramModel(words, starts, trigrams);
    }
}
