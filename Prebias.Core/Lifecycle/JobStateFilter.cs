using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;

namespace Prebias.Core.Lifecycle;

/// <summary>
/// Global Hangfire filter: mirrors every state change into the <c>jobs</c> table with the job's typed resource
/// reference, sets <see cref="CurrentJob.Id"/> for the job body, and writes one structured log line per job start and
/// end. It is also the one owner of a produced resource's end: when the job reaches Failed (after its retries) or
/// Deleted, the resource is marked Failed (with the job's message) or Cancelled, so jobs just throw.
/// </summary>
public sealed class JobStateFilter(JobRecordStore store, ResourceStateMarker marker, ILogger<JobStateFilter> logger) : IApplyStateFilter, IServerFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        var job = context.BackgroundJob.Job;
        var type = job is not null ? JobTypes.Of(job.Type) : "unknown";
        var error = context.NewState is FailedState failed ? Describe(failed.Exception) : null;
        var resource = ResourceRef.Of(job);
        // The resource first: whoever sees the job Failed or Deleted in the jobs table then sees the resource final.
        if (resource is { OwnsState: true } owned) MarkEnd(context, owned, error);
        var state = JobStates.Of(context.NewState.Name);
        store.UpsertStateAsync(context.BackgroundJob.Id, type, state, error, DateTimeOffset.UtcNow, resource)
            .GetAwaiter().GetResult();
    }

    private void MarkEnd(ApplyStateContext context, ResourceRef owned, string? error)
    {
        var end = context.NewState.Name switch
        {
            JobStates.Failed => (State: (string?)nameof(RunState.Failed), Error: error),
            JobStates.Deleted => (State: nameof(RunState.Cancelled), Error: $"Cancelled: job {context.BackgroundJob.Id} was deleted."),
            _ => default,
        };
        if (end.State is null) return;
        if (marker.MarkAsync(owned.Kind, owned.Id, end.State, end.Error).GetAwaiter().GetResult())
            logger.LogInformation("{Kind} {ResourceId} marked {State} by job {JobId}", owned.Kind, owned.Id, end.State, context.BackgroundJob.Id);
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction) { }

    public void OnPerforming(PerformingContext context)
    {
        CurrentJob.Id = context.BackgroundJob.Id;
        logger.LogInformation("Job {JobId} {JobType} started", context.BackgroundJob.Id, JobTypes.Of(context.BackgroundJob.Job.Type));
    }

    public void OnPerformed(PerformedContext context)
    {
        var type = JobTypes.Of(context.BackgroundJob.Job.Type);
        if (context.Exception is { } ex && !context.ExceptionHandled)
            logger.LogWarning("Job {JobId} {JobType} failed: {Error}", context.BackgroundJob.Id, type, Describe(ex));
        else
            logger.LogInformation("Job {JobId} {JobType} finished", context.BackgroundJob.Id, type);
        CurrentJob.Id = null;
    }

    /// <summary>
    /// The readable part of a job failure: Hangfire wraps the job's exception in JobPerformanceException, and
    /// wrappers such as EF Core's DbUpdateException say "see the inner exception", so the innermost cause is appended.
    /// </summary>
    private static string Describe(Exception ex)
    {
        if (ex is JobPerformanceException { InnerException: { } job }) ex = job;
        var root = ex;
        while (root.InnerException is { } next) root = next;
        return root == ex || ex is JobFailedException ? ex.Message : $"{ex.Message} {root.Message}";
    }
}
