namespace Prebias.Core.Text;

/// <summary>
/// Splits text into words: runs of letters and digits. Kept inside a word: an apostrophe (' or ’) between
/// letters ("don't", "Lily's" are one word) and '.' or ',' between digits ("3.5", "1,000"). Everything else
/// (quotes, punctuation, hyphens, a leading or trailing apostrophe) separates words, so "ice-cream" is two
/// words, as readability formulas count them (compare textstat's removal of punctuation).
/// </summary>
public static class WordTokenizer
{
    /// <summary>Appends the words of <paramref name="text"/> to <paramref name="words"/>; returns how many.</summary>
    public static int Tokenize(ReadOnlySpan<char> text, List<TextSpan> words)
    {
        var before = words.Count;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i++;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || IsJoiner(text, i))) i++;
            words.Add(new TextSpan(start, i - start));
        }
        return words.Count - before;
    }

    /// <summary>Tokenizes into fresh strings; convenient for tests and lexicon loading, not for hot paths.</summary>
    public static List<string> Words(string text)
    {
        var spans = new List<TextSpan>();
        Tokenize(text, spans);
        return spans.ConvertAll(s => text.Substring(s.Start, s.Length));
    }

    private static bool IsJoiner(ReadOnlySpan<char> text, int i)
    {
        if (i + 1 >= text.Length) return false;
        var (prev, c, next) = (text[i - 1], text[i], text[i + 1]);
        if (c is '\'' or '\u2019') return char.IsLetter(prev) && char.IsLetter(next);
        if (c is '.' or ',') return char.IsDigit(prev) && char.IsDigit(next);
        return false;
    }
}
