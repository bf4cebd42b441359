using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Contracts;
using Prebias.Api.Tables;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;

namespace Prebias.Api.Apis;

/// <summary><c>/api/jobs</c>: poll, list and cancel background jobs.</summary>
public static class JobsApi
{
    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/jobs").WithTags("Jobs");
        group.MapGet("{jobId}", GetJob).WithName("GetJob").WithSummary("Get a job's state, progress and resource link");
        group.MapGet("", ListJobs).WithName("ListJobs").WithSummary("List jobs, newest first, filtered by state and type");
        group.MapDelete("{jobId}", CancelJob).WithName("CancelJob")
            .WithSummary("Cancel a job: it is deleted in Hangfire and a running job sees its CancellationToken");
        return group;
    }

    public static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetJob(string jobId, PrebiasDbContext db, CancellationToken ct)
    {
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
        return job is null ? NotFoundProblem(jobId) : TypedResults.Ok(JobResponse.From(job));
    }

    /// <param name="state">Only jobs in this state.</param>
    /// <param name="type">Only jobs of this type (e.g. TorchDiagnostic).</param>
    /// <param name="limit">At most this many (1..1000, default 50).</param>
    /// <param name="format">json (default), csv or parquet.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> ListJobs(
        string? state, string? type, int? limit, string? format, HttpRequest http, PrebiasDbContext db,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (state is not null && !JobStates.All.Contains(state))
            errors["state"] = [$"Unknown state '{state}'; use one of {string.Join(", ", JobStates.All)}."];
        if (limit is < 1 or > 1000) errors["limit"] = ["limit must be between 1 and 1000."];
        var tableFormat = TableFormats.Resolve(format, http);
        if (tableFormat is null) errors["format"] = ["format must be json, csv or parquet."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var query = db.Jobs.AsNoTracking();
        if (state is not null) query = query.Where(j => j.State == state);
        if (type is not null) query = query.Where(j => j.Type == type);
        var jobs = await query.OrderByDescending(j => j.CreatedAt).Take(limit ?? 50).ToListAsync(ct);
        return RecordTable.Result(jobs.ConvertAll(JobResponse.From), tableFormat!.Value, "jobs");
    }

    public static async Task<Results<Accepted<JobResponse>, ProblemHttpResult>> CancelJob(
        string jobId, PrebiasDbContext db, IBackgroundJobClient jobs, CancellationToken ct)
    {
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null) return NotFoundProblem(jobId);
        if (JobStates.IsFinal(job.State))
            return Problems.Conflict("Job already finished", $"Job {jobId} is {job.State}; only unfinished jobs can be cancelled.");
        jobs.Delete(jobId);
        var updated = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId, ct);
        return TypedResults.Accepted($"/api/jobs/{jobId}", JobResponse.From(updated));
    }

    private static ProblemHttpResult NotFoundProblem(string jobId) => Problems.NotFound("Job not found", $"No job with id '{jobId}'.");
}
