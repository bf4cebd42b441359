namespace Prebias.Core.Ordering;

/// <summary>The values of <see cref="OrderingSpec.Method"/> (snake_case, as in the REST API).</summary>
public static class OrderingMethods
{
    /// <summary>A fresh seeded shuffle of all train samples each epoch (the default; llama2.c's random batches).</summary>
    public const string Shuffle = "shuffle";
    /// <summary>Ascending metric; ties by ascending sample id; the same order every epoch.</summary>
    public const string SortAsc = "sort_asc";
    /// <summary>Descending metric; ties by ascending sample id; the same order every epoch.</summary>
    public const string SortDesc = "sort_desc";
    /// <summary>Keep samples with <c>min &lt;= metric &lt;= max</c>, shuffled afresh each epoch.</summary>
    public const string Threshold = "threshold";
    /// <summary>Keep samples in <c>[min, max]</c>, sorted by <see cref="OrderingSpec.Order"/>; the same order every epoch.</summary>
    public const string SortedThreshold = "sorted_threshold";
    /// <summary>Quantile buckets, easy to hard, shuffled within buckets, opened by a pacing schedule (<see cref="CurriculumPacing"/>).</summary>
    public const string Curriculum = "curriculum";
    /// <summary>max, min, 2nd max, 2nd min, ... of the metric; the same order every epoch.</summary>
    public const string Interleave = "interleave";
    /// <summary>Decided during training: every refreshInterval steps the next window is drawn by a <see cref="DynamicPolicies"/> policy.</summary>
    public const string Dynamic = "dynamic";

    public static IReadOnlyList<string> All { get; } =
        [Shuffle, SortAsc, SortDesc, Threshold, SortedThreshold, Curriculum, Interleave, Dynamic];

    /// <summary>Every method but <see cref="Shuffle"/> and <see cref="Dynamic"/> reads a metric (dynamic: the target policy does).</summary>
    public static bool NeedsMetric(string method) => method is not (Shuffle or Dynamic);

    /// <summary>Methods that must have a <c>min</c> or a <c>max</c>.</summary>
    public static bool NeedsBound(string method) => method is Threshold or SortedThreshold;

    /// <summary>Methods whose <see cref="OrderingSpec.Order"/> field means something.</summary>
    public static bool TakesDirection(string method) => method is SortedThreshold or Curriculum;
}
