namespace Prebias.Core.Text;

/// <summary>
/// Rule-based sentence splitter for narrative English (stories with dialogue). A sentence ends at a run of
/// terminators (. ! ? …, including "...", "?!") plus any closing quotes or brackets, when followed by whitespace
/// or the end, except when:
/// <list type="bullet">
/// <item>the terminator is a single '.' after an abbreviation (Mr., Mrs., Dr., St., e.g.) or an initial ("J.");</item>
/// <item>the next word starts lower-case (<c>"Why are you sad?" asked Tom.</c>, <c>Then... she ran.</c>);</item>
/// <item>a closing quote is followed by a speech tag (<c>"Look!" Tom said.</c>, <c>"Hi!" Said Sue.</c>), unless the
/// tag opens the next quote (<c>"Why?" Tom replied, "Because."</c> is two sentences).</item>
/// </list>
/// A newline always ends a sentence (stories separate paragraphs with newlines; a heading without a full stop
/// is its own sentence). '.' inside tokens ("3.5", "p.m") never splits. Spans are trimmed; empty ones are dropped.
/// </summary>
public static class SentenceSplitter
{
    // Abbreviations that are followed by '.' but rarely end a sentence in stories. Compared case-insensitively
    // against the token before the period (internal dots kept, so "e.g" and "i.e" match).
    private static readonly string[] Abbreviations =
        ["mr", "mrs", "ms", "dr", "st", "prof", "sr", "jr", "mt", "vs", "e.g", "i.e", "capt", "lt", "sgt", "rev", "gen", "col"];

    // Speech verbs that continue a sentence after quoted speech: "Let's go!" Tom said.
    private static readonly string[] SpeechVerbs =
        ["said", "asked", "replied", "shouted", "cried", "yelled", "whispered", "exclaimed", "answered", "called",
         "screamed", "says", "asks", "added", "explained", "laughed", "giggled", "sang", "begged", "told"];

    /// <summary>Appends sentence spans of <paramref name="text"/> to <paramref name="sentences"/>; returns how many.</summary>
    public static int Split(ReadOnlySpan<char> text, List<TextSpan> sentences)
    {
        var before = sentences.Count;
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n') { Emit(text, start, i, sentences); start = ++i; continue; }
            if (!IsTerminator(c)) { i++; continue; }

            var j = i;
            while (j < text.Length && IsTerminator(text[j])) j++;
            var k = j;
            while (k < text.Length && IsClosing(text[k])) k++;
            if (k < text.Length && !char.IsWhiteSpace(text[k])) { i = j; continue; }
            if (j - i == 1 && c == '.' && IsAbbreviation(text, i)) { i = k; continue; }
            if (ContinuesAfter(text, k, closedQuote: k > j)) { i = k; continue; }

            Emit(text, start, k, sentences);
            start = i = k;
        }
        Emit(text, start, text.Length, sentences);
        return sentences.Count - before;
    }

    private static bool ContinuesAfter(ReadOnlySpan<char> text, int k, bool closedQuote)
    {
        var m = k;
        while (m < text.Length && text[m] is ' ' or '\t' or '\r') m++;
        if (m >= text.Length || text[m] == '\n') return false;
        if (char.IsLower(text[m])) return true;
        if (!closedQuote) return false;
        var first = WordAt(text, m, out var afterFirst);
        if (IsSpeechVerb(first)) return !IntroducesQuote(text, afterFirst);
        while (afterFirst < text.Length && text[afterFirst] == ' ') afterFirst++;
        return first.Length > 0 && IsSpeechVerb(WordAt(text, afterFirst, out var afterVerb)) && !IntroducesQuote(text, afterVerb);
    }

    // `"Why?" Tom replied, "Because."`: a tag followed by ", "" or ": "" opens the next quote, so it starts the
    // next sentence rather than closing the previous one.
    private static bool IntroducesQuote(ReadOnlySpan<char> text, int at)
    {
        while (at < text.Length && text[at] == ' ') at++;
        if (at >= text.Length || text[at] is not (',' or ':')) return false;
        at++;
        while (at < text.Length && text[at] == ' ') at++;
        return at < text.Length && text[at] is '"' or '\u201C';
    }

    private static ReadOnlySpan<char> WordAt(ReadOnlySpan<char> text, int at, out int end)
    {
        end = at;
        while (end < text.Length && char.IsLetter(text[end])) end++;
        return text[at..end];
    }

    private static bool IsSpeechVerb(ReadOnlySpan<char> word)
    {
        foreach (var verb in SpeechVerbs)
            if (word.Equals(verb, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool IsAbbreviation(ReadOnlySpan<char> text, int period)
    {
        var s = period;
        while (s > 0 && (char.IsLetter(text[s - 1]) || text[s - 1] == '.')) s--;
        var token = text[s..period];
        if (token.Length == 1 && char.IsUpper(token[0])) return true; // an initial: "J. K. Rowling"
        foreach (var abbreviation in Abbreviations)
            if (token.Equals(abbreviation, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '\u2026';

    private static bool IsClosing(char c) => c is '"' or '\'' or '\u201D' or '\u2019' or ')' or ']';

    private static void Emit(ReadOnlySpan<char> text, int start, int end, List<TextSpan> sentences)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) sentences.Add(new TextSpan(start, end - start));
    }
}
