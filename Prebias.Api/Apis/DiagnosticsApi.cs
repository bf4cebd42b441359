using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Contracts;
using Prebias.Core.Diagnostics;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;
using Prebias.Core.Domain;

namespace Prebias.Api.Apis;

/// <summary><c>/api/diagnostics</c>: the torch proof job, which exercises the whole path API → Hangfire → worker → torch → Postgres.</summary>
public static class DiagnosticsApi
{
    public static RouteGroupBuilder MapDiagnosticsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/diagnostics").WithTags("Diagnostics");
        group.MapPost("torch", StartTorchDiagnostic).WithName("StartTorchDiagnostic")
            .WithSummary("Run the torch proof job on the gpu queue: load TorchSharp in a worker and time a fp32 matmul loop");
        group.MapGet("torch/{id:guid}", GetTorchDiagnostic).WithName("GetTorchDiagnostic")
            .WithSummary("Result of a torch proof job: device, versions, threads, GFLOP/s");
        return group;
    }

    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem>> StartTorchDiagnostic(
        TorchDiagnosticRequest? request, PrebiasDbContext db, JobScheduler scheduler, CancellationToken ct)
    {
        request ??= new TorchDiagnosticRequest();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(request, new ValidationContext(request), errors, validateAllProperties: true))
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.MemberNames.FirstOrDefault() ?? "", e => new[] { e.ErrorMessage ?? "invalid" }));

        var diagnostic = new TorchDiagnostic
        {
            Id = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow,
            MatrixSize = request.MatrixSize, Iterations = request.Iterations,
        };
        db.TorchDiagnostics.Add(diagnostic);
        await db.SaveChangesAsync(ct);

        var resource = $"/api/diagnostics/torch/{diagnostic.Id}";
        diagnostic.JobId = await scheduler.EnqueueAsync<TorchDiagnosticJob>(
            JobQueues.Gpu, job => job.RunAsync(diagnostic.Id, CancellationToken.None), resource, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted(resource, new AcceptedJob(diagnostic.Id.ToString(), diagnostic.JobId));
    }

    public static async Task<Results<Ok<TorchDiagnostic>, ProblemHttpResult>> GetTorchDiagnostic(Guid id, PrebiasDbContext db, CancellationToken ct)
    {
        var diagnostic = await db.TorchDiagnostics.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        return diagnostic is null
            ? Problems.NotFound("Diagnostic not found", $"No torch diagnostic '{id}'.")
            : TypedResults.Ok(diagnostic);
    }
}
