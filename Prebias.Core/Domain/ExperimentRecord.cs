namespace Prebias.Core.Domain;

/// <summary>
/// A durability experiment: the same data in different orders (and a baseline order), each with several seeds. Its
/// runs carry <see cref="RunRecord.ExperimentId"/>; the comparison is computed from their evaluations.
/// </summary>
public sealed class ExperimentRecord
{
    public Guid Id { get; set; }
    public string? Name { get; set; }
    public Guid DatasetId { get; set; }

    /// <summary>The request, resolved (JSON).</summary>
    public required string Spec { get; set; }

    /// <summary>Pending, Running, Succeeded, Failed or Cancelled.</summary>
    public RunState State { get; set; } = RunState.Pending;
    public string? JobId { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
