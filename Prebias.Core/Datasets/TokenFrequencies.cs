using System.Collections.Concurrent;

namespace Prebias.Core.Datasets;

/// <summary>
/// How often each token id occurs in a dataset's samples (BOS, text and EOS; padding not counted), so plots can
/// label the tokens a model saw most rather than the first ids (&lt;unk&gt;, &lt;s&gt;, byte pieces). A Ready dataset
/// never changes, so each is counted once per process.
/// </summary>
public sealed class TokenFrequencies
{
    private readonly ConcurrentDictionary<string, Lazy<long[]>> _counts = new();

    /// <summary>The counts of the token store at <paramref name="tokenStorePath"/>, one per vocabulary id.</summary>
    public IReadOnlyList<long> Of(string tokenStorePath) =>
        _counts.GetOrAdd(tokenStorePath, path => new Lazy<long[]>(() => Count(path))).Value;

    public static long[] Count(string tokenStorePath)
    {
        using var store = TokenStore.Open(tokenStorePath);
        var counts = new long[store.VocabSize];
        var row = new int[store.RowLength];
        for (long i = 0; i < store.Count; i++)
        {
            store.CopyRow(i, row);
            foreach (var id in row.AsSpan(0, store.GetLength(i)))
                if ((uint)id < (uint)counts.Length) counts[id]++;
        }
        return counts;
    }
}
