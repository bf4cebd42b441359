using System.Text;
using Prebias.Core.Metrics.Lexicons;
using Prebias.Core.Metrics.Ngrams;
using Prebias.Core.Text;

namespace Prebias.Core.Metrics;

/// <summary>
/// One pass over a text producing <see cref="TextFeatures"/>. Holds reusable buffers, so it is NOT thread-safe:
/// use one per thread (<see cref="TextMetricsScorer"/> does). After warm-up, analysing a text allocates nothing.
/// </summary>
/// <param name="bleu">The BLEU reference.</param>
/// <param name="reference">The dataset's 3-gram model for oov_rate and ngram_perplexity; null → those features stay null.</param>
public sealed class TextAnalyzer(SentenceBleu bleu, KneserNeyTrigramModel? reference = null)
{
    private readonly List<TextSpan> _words = new(512);
    private readonly List<TextSpan> _sentences = new(64);
    private readonly HashSet<ulong> _types = new(512);
    private readonly HashSet<ulong> _grams = new(512);
    private readonly Dictionary<ulong, int> _ngrams = new(1024);
    private readonly List<int> _sentenceOccupations = new(8);
    private ulong[] _hashes = new ulong[512];
    private bool[] _negators = new bool[512];

    /// <param name="text">Any text: a training sample or a model output.</param>
    /// <param name="tokenizerTokens">Model tokenizer token count, for <c>compression_ratio</c>; null → words.</param>
    /// <param name="occupationMale">Optional, length <see cref="OccupationLexicon.Occupations"/>: per occupation, adds
    /// the sentences where it co-occurs with a male pronoun (accumulates, so callers can sum over a dataset).</param>
    /// <param name="occupationFemale">As <paramref name="occupationMale"/> for female pronouns.</param>
    public TextFeatures Analyze(ReadOnlySpan<char> text, int? tokenizerTokens = null,
        Span<int> occupationMale = default, Span<int> occupationFemale = default)
    {
        _words.Clear();
        _sentences.Clear();
        WordTokenizer.Tokenize(text, _words);
        SentenceSplitter.Split(text, _sentences);
        var n = _words.Count;
        if (_hashes.Length < n) (_hashes, _negators) = (new ulong[n * 2], new bool[n * 2]);

        var features = new TextFeatures { Words = n, Utf8Bytes = Encoding.UTF8.GetByteCount(text), TokenizerTokens = tokenizerTokens };
        ReadWords(text, ref features);
        var hashes = _hashes.AsSpan(0, n);

        _types.Clear();
        foreach (var h in hashes) _types.Add(h);
        features.Types = _types.Count;
        features.Mtld = Mtld.Compute(hashes, _types);
        features.Bleu = bleu.Score(hashes, _ngrams);
        features.DistinctBigrams = DistinctNgrams(hashes, 2);
        features.Distinct4Grams = DistinctNgrams(hashes, 4);
        if (reference is not null)
        {
            features.NgramLogProbability = reference.LogProbability(hashes, out var oov);
            features.OutOfVocabularyWords = oov;
        }

        var w = 0;
        foreach (var sentence in _sentences)
        {
            var start = w;
            while (w < n && _words[w].Start < sentence.End) w++;
            if (w == start) continue;
            features.Sentences++;
            ScanSentence(start, w, ref features, occupationMale, occupationFemale);
        }
        return features;
    }

    /// <summary>Distinct n-grams of the word hashes (across sentence boundaries, as rep-n and distinct-n are defined on the sequence).</summary>
    private int DistinctNgrams(ReadOnlySpan<ulong> words, int n)
    {
        _grams.Clear();
        for (var i = 0; i + n <= words.Length; i++)
        {
            var gram = (ulong)n;
            for (var k = 0; k < n; k++) gram = WordHash.Combine(gram, words[i + k]);
            _grams.Add(gram);
        }
        return _grams.Count;
    }

    private void ReadWords(ReadOnlySpan<char> text, ref TextFeatures features)
    {
        var negations = LexiconStore.Negations;
        for (var i = 0; i < _words.Count; i++)
        {
            var word = _words[i].Of(text);
            var hash = WordHash.Of(word);
            _hashes[i] = hash;
            _negators[i] = negations.Contains(hash) || EndsWithNt(word);
            var syllables = SyllableCounter.Count(word, hash);
            features.Syllables += syllables;
            if (syllables >= 3) features.ComplexWords++;
            features.WordCharacters += word.Length;
        }
    }

    // Words [from, to) of one sentence: lexicon matches never cross a sentence boundary.
    private void ScanSentence(int from, int to, ref TextFeatures f, Span<int> occupationMale, Span<int> occupationFemale)
    {
        var words = _hashes.AsSpan(0, to);
        for (var i = from; i < to;)
        {
            if (!LexiconStore.Afinn.TryMatch(words, i, out var score, out var length)) { i++; continue; }
            f.AfinnSum += IsNegated(from, i) ? -score : score;
            f.AfinnMatches++;
            i += length;
        }
        for (var i = from; i < to;)
        {
            if (!LexiconStore.Subjectivity.TryMatch(words, i, out var subjectivity, out var length)) { i++; continue; }
            f.SubjectivitySum += subjectivity;
            f.SubjectivityMatches++;
            i += length;
        }
        for (var i = from; i < to;)
        {
            if (!LexiconStore.Profanity.TryMatch(words, i, out _, out var length)) { i++; continue; }
            f.ProfanityMatches++;
            i += length;
        }
        var (malePronoun, femalePronoun) = (false, false);
        _sentenceOccupations.Clear();
        for (var i = from; i < to; i++)
        {
            if (GenderLexicon.Lexicon.TryMatch(words, i, out var term, out _))
            {
                if (term.Gender == Gender.Male) { f.MaleWords++; malePronoun |= term.IsPronoun; }
                else { f.FemaleWords++; femalePronoun |= term.IsPronoun; }
            }
            if (OccupationLexicon.Lexicon.TryMatch(words, i, out var occupation, out _) && !_sentenceOccupations.Contains(occupation))
                _sentenceOccupations.Add(occupation);
        }
        if (_sentenceOccupations.Count == 0) return;
        f.OccupationSentences++;
        if (malePronoun) f.OccupationMaleSentences++;
        if (femalePronoun) f.OccupationFemaleSentences++;
        foreach (var occupation in _sentenceOccupations)
        {
            if (malePronoun && !occupationMale.IsEmpty) occupationMale[occupation]++;
            if (femalePronoun && !occupationFemale.IsEmpty) occupationFemale[occupation]++;
        }
    }

    /// <summary>Negation scope: one of the three words before, within the sentence, is a negator ("not", "never", "didn't").</summary>
    private bool IsNegated(int sentenceStart, int at)
    {
        for (var k = Math.Max(sentenceStart, at - 3); k < at; k++)
            if (_negators[k]) return true;
        return false;
    }

    private static bool EndsWithNt(ReadOnlySpan<char> word) =>
        word.Length >= 4 && WordHash.Fold(word[^1]) == 't' && WordHash.Fold(word[^2]) == '\'' && WordHash.Fold(word[^3]) == 'n';
}
