using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;

namespace Prebias.Core.Jobs;

/// <summary>
/// Global Hangfire filter: mirrors every state change into the <c>jobs</c> table, sets <see cref="CurrentJob.Id"/>
/// for the job body, and writes one structured log line per job start and end.
/// </summary>
public sealed class JobStateFilter(JobRecordStore store, ILogger<JobStateFilter> logger) : IApplyStateFilter, IServerFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        var type = context.BackgroundJob.Job is { } job ? JobTypes.Of(job.Type) : "unknown";
        var error = context.NewState is FailedState failed ? Describe(failed.Exception) : null;
        store.UpsertStateAsync(context.BackgroundJob.Id, type, context.NewState.Name, error, DateTimeOffset.UtcNow)
            .GetAwaiter().GetResult();
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
