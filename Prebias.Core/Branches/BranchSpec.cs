using Prebias.Core.Ordering;

namespace Prebias.Core.Branches;

/// <summary>
/// An intervention (<c>POST /api/runs/{id}/branches</c>, Pythia-style): continue a run from one of its checkpoints
/// with changed data for the rest of training. The branch is a run of its own.
/// </summary>
public sealed record BranchSpec
{
    public string? Name { get; init; }

    /// <summary>The parent's checkpoint to start from (its weights, optimiser and RNG state).</summary>
    public long FromStep { get; init; }

    /// <summary>What changes after <see cref="FromStep"/>.</summary>
    public BranchTransform Transform { get; init; } = new();

    /// <summary>Total steps of the branch (max_iters), counted from step 0 like the parent's; default: the parent's.</summary>
    public long? Steps { get; init; }
}

/// <summary>
/// <c>swap_gender</c>: the same samples as the parent's continuation with gendered words swapped (he↔she, his↔her,
/// boy↔girl, ...), re-tokenized on the fly; <c>filter</c>: drop samples whose <see cref="Metric"/> is outside
/// [<see cref="Min"/>, <see cref="Max"/>]; <c>ordering</c>: a new ordering for the rest of training.
/// </summary>
public sealed record BranchTransform
{
    public string Kind { get; init; } = "swap_gender";
    public string? Metric { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public OrderingSpec? Ordering { get; init; }
}
