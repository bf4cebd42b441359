namespace Prebias.Core.Text;

/// <summary>
/// 64-bit FNV-1a hash of a word (case-folded, typographic apostrophe folded to ASCII), so lexicon look-ups
/// and type counting work on spans without allocating strings. Collisions are negligible at 64 bits for
/// vocabularies of ~10^5 words (birthday bound ~10^-9).
/// </summary>
public static class WordHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(ReadOnlySpan<char> word)
    {
        var hash = OffsetBasis;
        foreach (var raw in word)
        {
            var c = Fold(raw);
            hash = (hash ^ c) * Prime;
        }
        return hash;
    }

    /// <summary>Combines word hashes into an n-gram hash (order-sensitive).</summary>
    public static ulong Combine(ulong left, ulong right) => (left ^ (right + 0x9E3779B97F4A7C15UL + (left << 6) + (left >> 2))) * Prime;

    /// <summary>Lower-cases ASCII fast and everything else invariantly; folds ’ to '.</summary>
    public static char Fold(char c) => c switch
    {
        >= 'A' and <= 'Z' => (char)(c | 0x20),
        < (char)128 => c,
        '\u2019' or '\u2018' => '\'',
        _ => char.ToLowerInvariant(c),
    };
}
