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
    public BranchTransform Transform { get; init; } = new SwapGenderTransform();

    /// <summary>Total steps of the branch (max_iters), counted from step 0 like the parent's; default: the parent's.</summary>
    public long? Steps { get; init; }
}
