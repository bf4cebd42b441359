namespace Prebias.Core.Ordering;

/// <summary>
/// A compiled ordering: the train sample ids in the order training consumes them, one epoch after another
/// (position p is the p-th sample the run sees; <see cref="OrderLedger"/> maps steps to positions).
/// </summary>
public sealed class CompiledOrder
{
    /// <param name="sampleIds">Taken as is (not copied); do not change it afterwards.</param>
    public CompiledOrder(int[] sampleIds, int eligibleCount, int epochs, int excludedMissing = 0, int excludedByFilter = 0,
        long prefixLength = 0, string? hash = null)
    {
        SampleIds = sampleIds;
        EligibleCount = eligibleCount;
        Epochs = epochs;
        ExcludedMissing = excludedMissing;
        ExcludedByFilter = excludedByFilter;
        PrefixLength = prefixLength;
        Hash = hash ?? OrderHash.Compute(sampleIds);
    }

    /// <summary>Sample ids in training order; <see cref="Epochs"/> whole epochs of <see cref="EligibleCount"/> each
    /// (after a splice: the parent's prefix, then the tail's epochs).</summary>
    public int[] SampleIds { get; }

    /// <summary>Lower-case hex sha256 of <see cref="SampleIds"/> as little-endian int32 (<see cref="OrderHash"/>).</summary>
    public string Hash { get; }

    /// <summary>Distinct samples in one epoch (after a splice: of the tail).</summary>
    public int EligibleCount { get; }

    /// <summary>Whole epochs in the order (after a splice: in the tail).</summary>
    public int Epochs { get; }

    /// <summary>Train samples left out because their metric value is missing (NaN).</summary>
    public int ExcludedMissing { get; }

    /// <summary>Train samples left out by the min/max rule.</summary>
    public int ExcludedByFilter { get; }

    /// <summary>Positions kept from a parent order by <see cref="OrderingCompiler.Splice"/>; 0 for a plain order.</summary>
    public long PrefixLength { get; }

    public long Length => SampleIds.LongLength;

    public override string ToString() =>
        $"{Length:N0} positions, {Epochs} epoch(s) of {EligibleCount:N0} samples, sha256 {Hash[..12]}";
}
