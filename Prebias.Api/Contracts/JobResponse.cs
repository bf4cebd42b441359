using Prebias.Core.Jobs;

namespace Prebias.Api.Contracts;

/// <summary>A background job as the jobs API shows it.</summary>
/// <param name="Id">Hangfire job id.</param>
/// <param name="Type">Job type, e.g. <c>TorchDiagnostic</c>.</param>
/// <param name="State">Enqueued, Scheduled, Pending (waits for another job), Processing, Succeeded, Failed or
/// Deleted.</param>
/// <param name="Progress">Fraction done, 0..1.</param>
/// <param name="Message">Latest progress message.</param>
/// <param name="CreatedAt">When it was enqueued (UTC).</param>
/// <param name="StartedAt">When a worker last started it.</param>
/// <param name="FinishedAt">When it succeeded, failed or was deleted.</param>
/// <param name="Error">Readable failure message.</param>
/// <param name="Resource">URL of what the job produces.</param>
/// <param name="ResourceKind">Kind of the resource the job works on (corpus, tokenizer, dataset, run, experiment).</param>
/// <param name="ResourceId">Id of that resource.</param>
public sealed record JobResponse(
    string Id, string Type, string State, double Progress, string? Message,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error, string? Resource,
    string? ResourceKind = null, Guid? ResourceId = null)
{
    public static JobResponse From(JobRecord j) =>
        new(j.Id, j.Type, j.State, j.Progress, j.Message, j.CreatedAt, j.StartedAt, j.FinishedAt, j.Error, j.Resource, j.ResourceKind, j.ResourceId);
}
