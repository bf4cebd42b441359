using Prebias.Core.Text;

namespace Prebias.Core.Metrics.Lexicons;

/// <summary>
/// A lexicon of words and multi-word phrases, matched on word hashes (<see cref="WordHash"/>) so look-ups
/// allocate nothing. Entries are tokenized with <see cref="WordTokenizer"/>, the same tokenizer as the text,
/// so "can't stand" or "cover-up" match exactly the words a story produces. Longest phrase wins.
/// </summary>
public sealed class PhraseLexicon<T>
{
    private readonly Dictionary<ulong, Entry[]> _byFirstWord = [];

    private sealed record Entry(ulong[] Rest, T Value);

    /// <summary>Distinct entries kept (entries with symbols such as "s&amp;m" or emoji are skipped, see <see cref="Build"/>).</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Builds from (phrase, value) pairs. Phrases containing characters other than letters, digits, spaces,
    /// hyphens and apostrophes are skipped: the tokenizer drops such symbols, so "s&amp;m" would otherwise match
    /// the unrelated words "s m". The first value of a duplicate phrase wins.
    /// </summary>
    public static PhraseLexicon<T> Build(IEnumerable<(string Phrase, T Value)> entries)
    {
        var lexicon = new PhraseLexicon<T>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var byFirst = new Dictionary<ulong, List<Entry>>();
        foreach (var (phrase, value) in entries)
        {
            if (!IsPlainPhrase(phrase) || !seen.Add(phrase.Trim())) continue;
            var words = WordTokenizer.Words(phrase);
            if (words.Count == 0) continue;
            var hashes = words.ConvertAll(w => WordHash.Of(w));
            if (!byFirst.TryGetValue(hashes[0], out var list)) byFirst[hashes[0]] = list = [];
            list.Add(new Entry([.. hashes.Skip(1)], value));
            lexicon.Count++;
        }
        foreach (var (first, list) in byFirst)
            lexicon._byFirstWord[first] = [.. list.OrderByDescending(e => e.Rest.Length)];
        return lexicon;
    }

    /// <summary>Longest entry starting at word <paramref name="at"/>; <paramref name="length"/> is its word count.</summary>
    public bool TryMatch(ReadOnlySpan<ulong> wordHashes, int at, out T value, out int length)
    {
        if (_byFirstWord.TryGetValue(wordHashes[at], out var entries))
        {
            foreach (var entry in entries)
            {
                var end = at + 1 + entry.Rest.Length;
                if (end > wordHashes.Length || !wordHashes[(at + 1)..end].SequenceEqual(entry.Rest)) continue;
                (value, length) = (entry.Value, end - at);
                return true;
            }
        }
        (value, length) = (default!, 0);
        return false;
    }

    /// <summary>Convenience for tests and callers holding strings: does <paramref name="text"/> start with an entry?</summary>
    public bool TryMatch(string text, out T value)
    {
        var hashes = WordTokenizer.Words(text).ConvertAll(w => WordHash.Of(w)).ToArray();
        value = default!;
        return hashes.Length > 0 && TryMatch(hashes, 0, out value, out _);
    }

    private static bool IsPlainPhrase(string phrase)
    {
        foreach (var c in phrase)
            if (!char.IsLetterOrDigit(c) && c is not (' ' or '-' or '\'' or '\u2019')) return false;
        return true;
    }
}
