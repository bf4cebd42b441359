namespace Prebias.Core.Jobs;

/// <summary>
/// Our view of a Hangfire job: its state mirrored by <c>Lifecycle.JobStateFilter</c>, its progress written by
/// <see cref="JobProgress"/>, and the resource it produces. Keyed by the Hangfire job id.
/// </summary>
public sealed class JobRecord
{
    public required string Id { get; set; }
    public required string Type { get; set; }
    public required string State { get; set; }
    public double Progress { get; set; }
    public string? Message { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Error { get; set; }

    /// <summary>Relative URL of what the job produces, e.g. <c>/api/diagnostics/torch/{id}</c>.</summary>
    public string? Resource { get; set; }

    /// <summary>Kind of the resource the job works on (<c>Lifecycle.ResourceKind</c>), with <see cref="ResourceId"/>.</summary>
    public string? ResourceKind { get; set; }
    public Guid? ResourceId { get; set; }
}
