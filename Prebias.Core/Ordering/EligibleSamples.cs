using Prebias.Core.Metrics;

namespace Prebias.Core.Ordering;

/// <summary>
/// The train samples an ordering may use, in canonical form: sorted by sample id (so an order depends on the set of
/// samples, not on the order the database returned them), duplicates rejected, missing metric values (NaN) and
/// samples outside the min/max rule removed.
/// </summary>
internal sealed class EligibleSamples
{
    private EligibleSamples(int[] ids, double[] values, int count, int total, int excludedMissing, int excludedByFilter)
    {
        Ids = ids;
        Values = values;
        Count = count;
        Total = total;
        ExcludedMissing = excludedMissing;
        ExcludedByFilter = excludedByFilter;
    }

    /// <summary>The first <see cref="Count"/> entries are eligible ids, ascending.</summary>
    public int[] Ids { get; }
    /// <summary>Metric values aligned with <see cref="Ids"/> (empty when no metric is used).</summary>
    public double[] Values { get; }
    public int Count { get; }
    public int Total { get; }
    public int ExcludedMissing { get; }
    public int ExcludedByFilter { get; }

    /// <param name="metric">Null: no metric (shuffle); every id is eligible.</param>
    /// <param name="describe">The ordering in words, for error messages (e.g. "threshold").</param>
    public static EligibleSamples Select(IReadOnlyList<int> trainSampleIds, ReadOnlySpan<double> metricValues,
        string? metric, MetricFilter? filter, string describe)
    {
        if (trainSampleIds.Count == 0) throw new OrderingException("There are no train samples to order.");
        var ids = trainSampleIds.ToArray();
        if (metric is null)
        {
            Array.Sort(ids);
            RejectDuplicates(ids);
            return new EligibleSamples(ids, [], ids.Length, ids.Length, 0, 0);
        }
        if (metricValues.Length != ids.Length)
            throw new ArgumentException($"{metricValues.Length} metric values for {ids.Length} train samples; they must be aligned.", nameof(metricValues));
        var values = metricValues.ToArray();
        Array.Sort(ids, values);
        RejectDuplicates(ids);

        int kept = 0, missing = 0, filtered = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            if (double.IsNaN(values[i])) missing++;
            else if (filter is not null && !filter.Keeps(values[i])) filtered++;
            else (ids[kept], values[kept++]) = (ids[i], values[i]);
        }
        if (missing == ids.Length) throw new OrderingException(NoValuesMessage(metric, ids.Length));
        if (kept == 0)
        {
            var also = missing > 0 ? $" ({missing:N0} more have no {metric} value)" : "";
            throw new OrderingException($"{describe} {filter!.Describe()} keeps no samples of {ids.Length - missing:N0}{also}.");
        }
        return new EligibleSamples(ids, values, kept, ids.Length, missing, filtered);
    }

    private static string NoValuesMessage(string metric, int total)
    {
        MetricRegistry.TryGet(metric, out var d);
        var hint = d?.Kind switch
        {
            MetricKind.Model => "it is a model-based metric; run the evaluation that computes it first",
            MetricKind.Attribute => "copy the corpus attributes first (POST /api/datasets/{id}/attributes)",
            _ => "compute the sample metrics of this dataset first",
        };
        return $"None of the {total:N0} train samples has a {metric} value; {hint}.";
    }

    private static void RejectDuplicates(int[] sortedIds)
    {
        for (var i = 1; i < sortedIds.Length; i++)
            if (sortedIds[i] == sortedIds[i - 1]) throw new ArgumentException($"Train sample id {sortedIds[i]} is listed twice.");
    }
}
