using Prebias.Core.Text;

namespace Prebias.Core.Metrics.Ngrams;

/// <summary>
/// Counts the words of training texts for <see cref="KneserNeyTrigramModel"/>: every text is one sequence
/// &lt;s&gt; w1 … wn &lt;/s&gt; of lower-cased words (<see cref="WordTokenizer"/>, <see cref="WordHash"/>, as the text
/// metrics see them). Not thread-safe.
/// </summary>
public sealed class KneserNeyTrigramBuilder
{
    private readonly Dictionary<ulong, int> _ids = [];
    private readonly List<ulong> _words = [];
    private readonly Dictionary<ulong, long> _trigrams = [];
    private readonly Dictionary<int, long> _starts = [];
    private readonly List<TextSpan> _spans = new(512);
    private readonly List<int> _sequence = new(512);

    public void AddText(ReadOnlySpan<char> text)
    {
        _spans.Clear();
        WordTokenizer.Tokenize(text, _spans);
        _sequence.Clear();
        _sequence.Add(KneserNeyTrigramModel.StartOfText);
        foreach (var span in _spans) _sequence.Add(IdOf(WordHash.Of(span.Of(text))));
        _sequence.Add(KneserNeyTrigramModel.EndOfText);

        // Only the first word is predicted from <s> alone; every later token has a full two-word history.
        _starts[_sequence[1]] = _starts.GetValueOrDefault(_sequence[1]) + 1;
        for (var i = 2; i < _sequence.Count; i++)
        {
            var key = NgramKeys.Of(_sequence[i - 2], _sequence[i - 1], _sequence[i]);
            _trigrams[key] = _trigrams.GetValueOrDefault(key) + 1;
        }
    }

    public KneserNeyTrigramModel Build() => new([.. _words], _starts, _trigrams);

    private int IdOf(ulong hash)
    {
        if (_ids.TryGetValue(hash, out var id)) return id;
        id = KneserNeyTrigramModel.FirstWordId + _words.Count;
        if (id > NgramKeys.MaxId) throw new InvalidOperationException($"The training split has more than {NgramKeys.MaxId - KneserNeyTrigramModel.FirstWordId:N0} distinct words.");
        _ids.Add(hash, id);
        _words.Add(hash);
        return id;
    }
}
