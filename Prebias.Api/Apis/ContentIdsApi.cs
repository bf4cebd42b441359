using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Prebias.Api.Contracts;
using Prebias.Core.ContentIds;

namespace Prebias.Api.Apis;

/// <summary>
/// <c>/api/ids</c>: resolves a content id to the resources that have it, with the manifest it hashes.
/// </summary>
public static class ContentIdsApi
{
    public static RouteGroupBuilder MapContentIdsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/ids").WithTags("Content ids");
        group.MapGet("{contentId}", Resolve).WithName("ResolveContentId")
            .WithSummary("Resolve a content id (sha256:<64 hex>) of a corpus, tokenizer, dataset, order or checkpoint")
            .WithDescription("Answers the canonical manifest the id hashes (sha256 of its UTF-8 bytes) and every " +
                "resource of this instance with that content, with links to it and its card. Equal content gives an " +
                "equal id on any machine.");
        return group;
    }

    public static async Task<Results<Ok<ResolvedContentId>, ProblemHttpResult>> Resolve(
        string contentId, ContentIdIndex index, CancellationToken ct)
    {
        if (!ContentId.IsWellFormed(contentId))
            return Problems.BadRequest("Invalid content id",
                "contentId: expected 'sha256:' and 64 lowercase hex digits.");
        var rows = await index.ResolveAsync(contentId, ct);
        if (rows.Count == 0)
            return Problems.NotFound("Content id not found", $"No resource has content id '{contentId}'.");
        var resources = rows.Select(r => new ResolvedResource(r.Kind, r.ResourceId,
            r.Kind == ContentKind.Checkpoint ? r.Step : null, Href(r.Kind, r.ResourceId), Card(r))).ToList();
        var manifest = JsonNode.Parse(rows[0].Manifest)!.AsObject();
        return TypedResults.Ok(new ResolvedContentId(contentId, manifest, resources));
    }

    // Orders and checkpoints belong to a run: the link is the run's, the step says which checkpoint.
    private static string Href(string kind, Guid id) => kind switch
    {
        ContentKind.Corpus => $"/api/corpora/{id}",
        ContentKind.Tokenizer => $"/api/tokenizers/{id}",
        ContentKind.Dataset => $"/api/datasets/{id}",
        _ => $"/api/runs/{id}",
    };

    private static string Card(Core.Domain.ContentIdRecord row) => row.Kind switch
    {
        ContentKind.Checkpoint => $"/api/runs/{row.ResourceId}/checkpoints/{row.Step}/card",
        _ => Href(row.Kind, row.ResourceId) + "/card",
    };
}
