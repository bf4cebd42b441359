namespace Prebias.Core.Lifecycle;

/// <summary>What a DELETE did: <see cref="Status"/> and, for <see cref="DeletionStatus.Conflict"/>, why not.</summary>
public sealed record DeletionOutcome(DeletionStatus Status, string? Reason = null, int JobsCancelled = 0)
{
    public static DeletionOutcome Conflict(string reason) => new(DeletionStatus.Conflict, reason);
}

public enum DeletionStatus
{
    NotFound,
    /// <summary>Its jobs were cancelled and the resource marked Cancelled (its artifacts are kept).</summary>
    Cancelled,
    /// <summary>Its rows and artifacts are gone.</summary>
    Purged,
    Conflict,
}
