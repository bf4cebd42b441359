using Microsoft.AspNetCore.Http.HttpResults;
using Prebias.Api.Contracts;
using Prebias.Core.SampleMetrics;

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

    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem, ProblemHttpResult>> CopyAttributes(
        Guid id, CopyAttributesRequest? request, SampleAttributesLauncher launcher, CancellationToken ct) =>
        (await launcher.LaunchAsync(id, request?.Attributes, ct)).ToHttp();
}
