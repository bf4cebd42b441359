namespace Prebias.Core.Ordering;

/// <summary>The <c>filter</c> branch transform behind <see cref="OrderingCompiler.Filter"/>.</summary>
internal static class OrderFilter
{
    public static CompiledOrder Apply(CompiledOrder parent, long fromPosition, MetricFilter rule, IReadOnlyList<int> trainSampleIds,
        ReadOnlySpan<double> metricValues, long samplesNeeded)
    {
        rule.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(fromPosition);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromPosition, parent.Length);
        if (metricValues.Length != trainSampleIds.Count)
            throw new ArgumentException($"{metricValues.Length} metric values for {trainSampleIds.Count} train samples; they must be aligned.", nameof(metricValues));

        var keeps = new HashSet<int>(trainSampleIds.Count);
        int missing = 0, dropped = 0;
        for (var i = 0; i < trainSampleIds.Count; i++)
        {
            if (double.IsNaN(metricValues[i])) missing++;
            else if (!rule.Keeps(metricValues[i])) dropped++;
            else keeps.Add(trainSampleIds[i]);
        }
        var rest = parent.SampleIds.AsSpan((int)fromPosition);
        var kept = new List<int>(rest.Length);
        foreach (var id in rest) if (keeps.Contains(id)) kept.Add(id);
        if (kept.Count == 0)
            throw new OrderingException($"filter {rule.Describe()} keeps none of the {rest.Length:N0} remaining positions of the parent order.");

        var tailLength = Math.Max(samplesNeeded - fromPosition, kept.Count);
        var repeats = (tailLength + kept.Count - 1) / kept.Count;
        if (fromPosition + repeats * kept.Count > Array.MaxLength) throw new OrderingException("The filtered order is longer than one order can hold.");
        var ids = GC.AllocateUninitializedArray<int>((int)(fromPosition + repeats * kept.Count));
        parent.SampleIds.AsSpan(0, (int)fromPosition).CopyTo(ids);
        for (var r = 0; r < repeats; r++) kept.CopyTo(ids, (int)(fromPosition + r * kept.Count));
        return new CompiledOrder(ids, keeps.Count, (int)repeats, missing, dropped, fromPosition);
    }
}
