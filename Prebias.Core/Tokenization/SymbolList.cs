namespace Prebias.Core.Tokenization;

/// <summary>
/// Doubly linked list of symbols over a word for BPE (sentencepiece's <c>Symbol</c> array): symbol s covers
/// word[Start[s] .. Start[s] + Length[s]); merged-away symbols have Length 0. Initial symbols are code points
/// (a surrogate pair stays one symbol).
/// </summary>
internal sealed class SymbolList
{
    public readonly int[] Start, Length, Prev, Next;
    public readonly int Count;

    public SymbolList(ReadOnlySpan<char> word)
    {
        Start = new int[word.Length];
        Length = new int[word.Length];
        var count = 0;
        for (var i = 0; i < word.Length; count++)
        {
            var width = char.IsHighSurrogate(word[i]) && i + 1 < word.Length && char.IsLowSurrogate(word[i + 1]) ? 2 : 1;
            Start[count] = i;
            Length[count] = width;
            i += width;
        }
        Count = count;
        Prev = new int[count];
        Next = new int[count];
        for (var s = 0; s < count; s++)
        {
            Prev[s] = s - 1;
            Next[s] = s + 1 < count ? s + 1 : -1;
        }
    }

    /// <summary>Appends <paramref name="right"/> to <paramref name="left"/> and unlinks it.</summary>
    public void Merge(int left, int right)
    {
        Length[left] += Length[right];
        Length[right] = 0;
        Next[left] = Next[right];
        if (Next[right] >= 0) Prev[Next[right]] = left;
    }
}
