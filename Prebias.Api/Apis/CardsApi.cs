using Microsoft.AspNetCore.Http.HttpResults;
using Prebias.Core.Cards;

namespace Prebias.Api.Apis;

/// <summary>
/// <c>GET /api/{corpora|tokenizers|datasets|runs}/{id}/card</c> and a checkpoint's card: Markdown with YAML front
/// matter in Hugging Face's dataset-card and model-card formats.
/// </summary>
public static class CardsApi
{
    private const string Markdown = "text/markdown; charset=utf-8";

    public static IEndpointRouteBuilder MapCardsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("api/corpora/{id:guid}/card", CorpusCard).WithName("GetCorpusCard").WithTags("Cards")
            .WithSummary("Data card of a corpus: source, counts, content id, ground-truth dials, lexicon licences")
            .Produces<string>(StatusCodes.Status200OK, "text/markdown");
        app.MapGet("api/tokenizers/{id:guid}/card", TokenizerCard).WithName("GetTokenizerCard").WithTags("Cards")
            .WithSummary("Card of a tokenizer: kind, vocabulary, special ids, content id and its corpus's")
            .Produces<string>(StatusCodes.Status200OK, "text/markdown");
        app.MapGet("api/datasets/{id:guid}/card", DatasetCard).WithName("GetDatasetCard").WithTags("Cards")
            .WithSummary("Data card of a dataset: counts, split, content ids, sample-metric means with 95% CIs, " +
                "licences")
            .Produces<string>(StatusCodes.Status200OK, "text/markdown");
        app.MapGet("api/runs/{id:guid}/card", RunCard).WithName("GetRunCard").WithTags("Cards")
            .WithSummary("Model card of a run's latest checkpoint (architecture, config, seeds, ids, results with CIs)")
            .Produces<string>(StatusCodes.Status200OK, "text/markdown");
        app.MapGet("api/runs/{id:guid}/checkpoints/{step:long}/card", CheckpointCard).WithName("GetCheckpointCard")
            .WithTags("Cards")
            .WithSummary("Model card of one checkpoint: evaluation results and bias probes with 95% bootstrap CIs, " +
                "limits")
            .Produces<string>(StatusCodes.Status200OK, "text/markdown");
        return app;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> CorpusCard(
        Guid id, DataCards cards, CancellationToken ct) =>
        Answer(await cards.CorpusAsync(id, ct), "Corpus not found", $"No corpus '{id}'.");

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> TokenizerCard(
        Guid id, DataCards cards, CancellationToken ct) =>
        Answer(await cards.TokenizerAsync(id, ct), "Tokenizer not found", $"No tokenizer '{id}'.");

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> DatasetCard(
        Guid id, DataCards cards, CancellationToken ct) =>
        Answer(await cards.DatasetAsync(id, ct), "Dataset not found", $"No dataset '{id}'.");

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> RunCard(
        Guid id, ModelCards cards, CancellationToken ct) =>
        Answer(await cards.CheckpointAsync(id, step: null, ct), "Run not found", $"No run '{id}'.");

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> CheckpointCard(
        Guid id, long step, ModelCards cards, CancellationToken ct) =>
        Answer(await cards.CheckpointAsync(id, step, ct), "Checkpoint not found",
            $"Run {id} has no checkpoint at step {step}.");

    private static Results<ContentHttpResult, ProblemHttpResult> Answer(Card? card, string title, string detail) =>
        card is null ? Problems.NotFound(title, detail) : TypedResults.Text(card.ToMarkdown(), Markdown);
}
