using Microsoft.AspNetCore.Http.HttpResults;
using Prebias.Api.Contracts;
using Prebias.Core.Lifecycle;

namespace Prebias.Api.Apis;

/// <summary>
/// <c>DELETE</c> on runs, experiments, datasets, tokenizers and corpora: cancel what still works on the resource
/// (202, the resource is marked Cancelled and keeps what it wrote), or with <c>?purge=true</c> remove a finished
/// resource's rows and artifacts (204); 409 while it is unfinished or something depends on it.
/// </summary>
public static class ResourceDeletionApi
{
    public static IEndpointRouteBuilder MapResourceDeletionApi(this IEndpointRouteBuilder app)
    {
        Map(app, "api/runs", "Runs", "Run", ResourceKind.Run, "its training and evaluation jobs");
        Map(app, "api/experiments", "Experiments", "Experiment", ResourceKind.Experiment, "its monitor and all its runs' jobs");
        Map(app, "api/datasets", "Datasets", "Dataset", ResourceKind.Dataset, "its pretokenizing and metrics jobs");
        Map(app, "api/tokenizers", "Tokenizers", "Tokenizer", ResourceKind.Tokenizer, "its build job");
        Map(app, "api/corpora", "Corpora", "Corpus", ResourceKind.Corpus, "its import job");
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string prefix, string tag, string name, string kind, string jobs) =>
        app.MapDelete($"{prefix}/{{id:guid}}", (Guid id, bool? purge, ResourceDeletion deletion, CancellationToken ct) => DeleteAsync(kind, prefix, id, purge, deletion, ct))
            .WithTags(tag).WithName($"Delete{name}")
            .WithSummary($"Cancel {jobs} and mark the {kind} Cancelled; ?purge=true removes a finished {kind}'s rows and artifacts (409 while something depends on it)");

    /// <summary>The handler behind every DELETE route.</summary>
    public static async Task<Results<Accepted<DeletionResponse>, NoContent, ProblemHttpResult>> DeleteAsync(
        string kind, string prefix, Guid id, bool? purge, ResourceDeletion deletion, CancellationToken ct)
    {
        var outcome = await deletion.DeleteAsync(kind, id, purge ?? false, ct);
        return outcome.Status switch
        {
            DeletionStatus.NotFound => Problems.NotFound($"{Capitalised(kind)} not found", $"No {kind} '{id}'."),
            DeletionStatus.Conflict => Problems.Conflict(purge == true ? "Cannot purge" : "Nothing to cancel", outcome.Reason!),
            DeletionStatus.Purged => TypedResults.NoContent(),
            _ => TypedResults.Accepted($"/{prefix}/{id}", new DeletionResponse(id, kind, "Cancelled", outcome.JobsCancelled)),
        };
    }

    private static string Capitalised(string kind) => char.ToUpperInvariant(kind[0]) + kind[1..];
}

