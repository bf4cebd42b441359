using Prebias.Core.Metrics.Lexicons;
using Prebias.Core.Text;

namespace Prebias.Core.Metrics;

/// <summary>
/// Syllables per word: the CMU Pronouncing Dictionary (npm <c>cmu-pronouncing-dictionary</c>, ~134k words;
/// syllables = stressed vowel phonemes, i.e. digits in the ARPAbet string) when the word is listed, else
/// <see cref="CountByRules"/>. Numbers written as digits count one syllable per digit group (a rough guess).
/// </summary>
public static class SyllableCounter
{
    /// <summary>Syllables in one word (any case, straight or curly apostrophes); at least 1 for a non-empty word.</summary>
    public static int Count(ReadOnlySpan<char> word) => Count(word, WordHash.Of(word));

    /// <summary>As <see cref="Count(ReadOnlySpan{char})"/> when the caller already has <see cref="WordHash.Of"/>.</summary>
    public static int Count(ReadOnlySpan<char> word, ulong hash)
    {
        if (word.IsEmpty) return 0;
        if (LexiconStore.Cmu.TryGetValue(hash, out var syllables)) return syllables;
        return CountByRules(word);
    }

    /// <summary>
    /// Rule-based estimate: vowel groups (a e i o u, and y when not word-initial), then corrections for
    /// silent final -e ("make"), consonant + -le ("table" keeps it), -es/-ed that add no syllable
    /// ("games", "jumped" but "boxes", "wanted"), and vowel pairs that split ("lion", "giant", "usual").
    /// Apostrophes are ignored. Modelled on the usual heuristic counters (e.g. textstat's fallback, Carnegie Mellon style rules).
    /// </summary>
    public static int CountByRules(ReadOnlySpan<char> word)
    {
        Span<char> buffer = stackalloc char[64];
        var w = Letters(word, buffer);
        if (w.IsEmpty) return word.IsEmpty ? 0 : 1;

        var count = 0;
        var previousVowel = false;
        for (var i = 0; i < w.Length; i++)
        {
            var vowel = IsVowel(w, i);
            if (vowel && !previousVowel) count++;
            else if (vowel && SplitsPair(w, i)) count++;
            previousVowel = vowel;
        }

        var n = w.Length;
        if (n >= 3 && w[n - 1] == 'e' && !IsVowel(w, n - 2) && !(w[n - 2] == 'l' && !IsVowel(w, n - 3))) count--;
        else if (n >= 4 && w.EndsWith("es") && !AddsSyllableBeforeEs(w[..^2])) count--;
        else if (n >= 4 && w.EndsWith("ed") && w[n - 3] is not ('t' or 'd') && !IsVowel(w, n - 3)) count--;
        return Math.Max(1, count);
    }

    // "ia", "io", "ua", "uo", "eo" are usually two syllables (li-on, gi-ant, u-su-al, vi-de-o) except in
    // -tion/-sion/-cious/-cial endings and after q/g ("quick", "guard").
    private static bool SplitsPair(ReadOnlySpan<char> w, int i)
    {
        if (i < 1) return false;
        var (a, b) = (w[i - 1], w[i]);
        if (a == 'i' && b is 'a' or 'o') return i < 2 || w[i - 2] is not ('t' or 's' or 'c' or 'x' or 'g');
        if (a == 'u' && b is 'a' or 'o') return i < 2 || w[i - 2] is not ('q' or 'g');
        return a == 'e' && b == 'o';
    }

    // "-es" is its own syllable after sibilants (boxes, horses, wishes, pages) and after consonant + l (tables).
    private static bool AddsSyllableBeforeEs(ReadOnlySpan<char> stem)
    {
        var last = stem[^1];
        if (last is 's' or 'x' or 'z' or 'c' or 'g') return true;
        if (stem.EndsWith("ch") || stem.EndsWith("sh")) return true;
        return last == 'l' && stem.Length >= 2 && !IsVowel(stem, stem.Length - 2);
    }

    private static bool IsVowel(ReadOnlySpan<char> w, int i) =>
        w[i] is 'a' or 'e' or 'i' or 'o' or 'u' || (w[i] == 'y' && i > 0 && !IsPlainVowel(w[i - 1]));

    private static bool IsPlainVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static ReadOnlySpan<char> Letters(ReadOnlySpan<char> word, Span<char> buffer)
    {
        var n = 0;
        foreach (var c in word)
        {
            if (!char.IsLetter(c)) continue;
            if (n == buffer.Length) break;
            buffer[n++] = WordHash.Fold(c);
        }
        return buffer[..n];
    }
}
