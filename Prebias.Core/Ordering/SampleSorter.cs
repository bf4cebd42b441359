namespace Prebias.Core.Ordering;

/// <summary>Stable metric sorts: by value (ascending or descending), ties always by ascending sample id.</summary>
internal static class SampleSorter
{
    private readonly record struct Keyed(double Value, int Id);

    /// <summary>Generic struct comparers let <c>MemoryExtensions.Sort(span, comparer)</c> inline the compare.</summary>
    private readonly struct Ascending : IComparer<Keyed>
    {
        public int Compare(Keyed x, Keyed y) { var c = x.Value.CompareTo(y.Value); return c != 0 ? c : x.Id.CompareTo(y.Id); }
    }

    private readonly struct DescendingValue : IComparer<Keyed>
    {
        public int Compare(Keyed x, Keyed y) { var c = y.Value.CompareTo(x.Value); return c != 0 ? c : x.Id.CompareTo(y.Id); }
    }

    /// <summary>The first <see cref="EligibleSamples.Count"/> ids, sorted.</summary>
    public static int[] Sort(EligibleSamples samples, bool descending)
    {
        var keyed = new Keyed[samples.Count];
        for (var i = 0; i < keyed.Length; i++) keyed[i] = new Keyed(samples.Values[i], samples.Ids[i]);
        if (descending) keyed.AsSpan().Sort(new DescendingValue());
        else keyed.AsSpan().Sort(new Ascending());
        var ids = new int[keyed.Length];
        for (var i = 0; i < ids.Length; i++) ids[i] = keyed[i].Id;
        return ids;
    }

    /// <summary>max, min, 2nd max, 2nd min, ... taken from both ends of the ascending order (so among equal values
    /// the high end yields the larger id first).</summary>
    public static int[] Interleave(int[] ascending)
    {
        var result = new int[ascending.Length];
        for (int k = 0, low = 0, high = ascending.Length - 1; low <= high; k++)
            result[k] = k % 2 == 0 ? ascending[high--] : ascending[low++];
        return result;
    }
}
