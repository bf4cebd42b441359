using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Contracts;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Metrics;
using Prebias.Core.Persistence;
using Prebias.Core.SampleMetrics;
using Prebias.Core.Validation;

namespace Prebias.Api.Apis;

/// <summary>
/// Document attributes as metrics: copy a dataset's numeric and boolean corpus attributes into per-sample values
/// that orderings, filters, summaries and saturation tables use as <c>attr.&lt;name&gt;</c>.
/// </summary>
public static class SampleAttributesApi
{
    public static RouteGroupBuilder MapSampleAttributesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/datasets/{id:guid}").WithTags("Sample metrics");
        group.MapPost("attributes", CopyAttributes).WithName("CopySampleAttributes")
            .WithSummary("Copy the corpus's numeric and boolean document attributes as attr.<name> metrics " +
                         "(all, or the listed ones); replaces earlier values");
        return group;
    }

    /// <summary>Which attributes to copy, by attribute name (<c>bad_ending</c>) or metric name
    /// (<c>attr.bad_ending</c>); all numeric and boolean ones when omitted.</summary>
    /// <example>{"attributes": ["bad_ending", "dialogue"]}</example>
    public sealed record CopyAttributesRequest(string[]? Attributes);

    public static async Task<Results<Accepted<AcceptedJob>, ProblemHttpResult, ValidationProblem>> CopyAttributes(
        Guid id, CopyAttributesRequest? request, PrebiasDbContext db, JobScheduler scheduler, CancellationToken ct)
    {
        var invalid = new FieldErrors().Items("attributes", request?.Attributes, 0, RequestLimits.ListItems);
        if (invalid is { Count: > 0 })
            return TypedResults.ValidationProblem(invalid.ToDictionary());
        string[]? keys = null;
        if (request?.Attributes is { Length: > 0 } asked)
        {
            var bad = asked.Where(a => !AttributeMetric.TryParse(ToMetricName(a), out _)).ToList();
            if (bad.Count > 0)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["attributes"] =
                        [$"not attribute names (lower-case letters, digits, _; at most 60): {string.Join(", ", bad)}"],
                });
            keys = [.. asked.Select(a => AttributeMetric.TryParse(ToMetricName(a), out var k) ? k : "").Distinct()];
        }
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (dataset is null) return Problems.NotFound("Dataset not found", $"No dataset '{id}'.");
        if (dataset.State == ResourceState.Failed)
            return Problems.Conflict("Dataset failed", $"Dataset {id} failed: {dataset.Error}");

        var parent = dataset.State == ResourceState.Pending ? dataset.JobId : null;
        var jobId = await scheduler.EnqueueAfterAsync<SampleAttributesJob>(parent, JobQueues.Cpu,
            j => j.RunAsync(id, keys, CancellationToken.None), $"/api/datasets/{id}/metrics/summary", ct);
        return TypedResults.Accepted($"/api/datasets/{id}/metrics/summary", new AcceptedJob(id.ToString(), jobId));
    }

    private static string ToMetricName(string attribute) =>
        attribute.StartsWith(AttributeMetric.Prefix, StringComparison.OrdinalIgnoreCase)
            ? attribute
            : AttributeMetric.Prefix + attribute;
}
