namespace Prebias.Core.Metrics.Ngrams;

/// <summary>Packs up to three word ids of 21 bits each into one 64-bit dictionary key.</summary>
internal static class NgramKeys
{
    public const int IdBits = 21;
    public const int MaxId = (1 << IdBits) - 1;

    public static ulong Of(int a, int b) => ((ulong)a << IdBits) | (uint)b;

    public static ulong Of(int a, int b, int c) => ((ulong)a << (2 * IdBits)) | ((ulong)b << IdBits) | (uint)c;

    /// <summary>The first two ids of a packed trigram (its history).</summary>
    public static ulong History(ulong trigram) => trigram >> IdBits;

    /// <summary>The last two ids of a packed trigram (the bigram it extends to the left).</summary>
    public static ulong Suffix(ulong trigram) => trigram & ((1UL << (2 * IdBits)) - 1);

    public static int Last(ulong key) => (int)(key & MaxId);

    public static int First(ulong bigram) => (int)(bigram >> IdBits);
}
