using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Contracts;
using Prebias.Core.Branches;
using Prebias.Core.Domain;
using Prebias.Core.Evaluation;
using Prebias.Core.Experiments;
using Prebias.Core.Jobs;
using Prebias.Core.Metrics;
using Prebias.Core.Ordering;
using Prebias.Core.Persistence;

namespace Prebias.Api.Apis;

/// <summary><c>/api/runs/{id}/branches</c>: interventions that continue a run from a checkpoint with changed data.</summary>
public static class BranchesApi
{
    public static RouteGroupBuilder MapBranchesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/runs/{id:guid}/branches").WithTags("Branches");
        group.MapPost("", CreateBranch).WithName("CreateBranch")
            .WithSummary("Continue a run from one of its checkpoints with swapped genders, a metric filter or a new ordering (a run of its own)");
        group.MapGet("", ListBranches).WithName("ListBranches").RequireRun().WithSummary("The runs branched from this run");
        return group;
    }

    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem, ProblemHttpResult>> CreateBranch(Guid id, BranchSpec spec, BranchLauncher launcher, CancellationToken ct) =>
        (await launcher.LaunchAsync(id, spec, ct)).ToHttp();

    /// <param name="id">The parent run.</param>
    /// <param name="limit">Page size, 1..1000 (default 100).</param>
    /// <param name="offset">Rows to skip (default 0); a full page has a Link rel="next" header.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<Results<Ok<List<RunResponse>>, ValidationProblem>> ListBranches(Guid id, int? limit, int? offset, HttpContext http, PrebiasDbContext db, CancellationToken ct)
    {
        if (ListPaging.Problems(limit, offset) is { } errors) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok((await ListPaging.PageAsync(db.Runs.AsNoTracking().Where(r => r.ParentRunId == id).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id), limit, offset, http, ct)).ConvertAll(RunResponse.From));
    }
}
