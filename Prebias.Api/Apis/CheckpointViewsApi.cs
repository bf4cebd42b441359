using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Datasets;
using Prebias.Core.Evaluation;
using Prebias.Core.Evaluation.Results;
using Prebias.Core.Persistence;
using Prebias.Core.Plots;
using Prebias.Core.Storage;
using Prebias.Core.Tokenization;

namespace Prebias.Api.Apis;

/// <summary>Per-checkpoint views: attention on the probe input, token-embedding PCA, layer similarity (JSON and plots).</summary>
public static class CheckpointViewsApi
{
    public static RouteGroupBuilder MapCheckpointViewsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/runs/{id:guid}/checkpoints/{step:long}").WithTags("Checkpoint views")
            .AddEndpointFilter<CheckpointETagFilter>().RequireCheckpoint();
        group.MapGet("attention", Attention).WithName("GetAttention")
            .WithSummary("Attention weights of every layer and head on the probe input: { shape [L,H,T,T], tokens, pieces, weights }");
        group.MapGet("attention.png", AttentionPng).WithName("GetAttentionPlot")
            .WithSummary("Attention heatmaps: the layer × head grid, or one map with ?layer=&head=");
        group.MapGet("embeddings", Embeddings).WithName("GetEmbeddings").WithSummary("Token-embedding PCA: 2 components, explained variance, one point per token");
        group.MapGet("embeddings.png", EmbeddingsPng).WithName("GetEmbeddingsPlot").WithSummary("Token-embedding PCA scatter (?labels=30 most frequent tokens)");
        group.MapGet("layers", Layers).WithName("GetLayerSimilarity").WithSummary("Cosine similarity between layers' attention maps");
        group.MapGet("generate", Generate).WithName("GenerateFromPrompt")
            .WithSummary("Greedy continuation of one prompt (?prompt=&maxTokens=, default 200) by the batch-1 CPU decoder: { prompt, text, ids, tokensPerSecond }");
        group.MapGet("layers.png", LayersPng).WithName("GetLayerSimilarityPlot").WithSummary("Layer similarity heatmap");
        return group;
    }

    public static async Task<IResult> Attention(Guid id, long step, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        var directory = await DirectoryAsync(id, step, db, store, ct);
        return CheckpointViews.ReadAttention(directory) is { } view ? TypedResults.Ok(view) : Problems.NotFound("No attention probe", $"Checkpoint {step} has no attention probe.");
    }

    /// <param name="id">Run id.</param>
    /// <param name="step">Checkpoint step.</param>
    /// <param name="layer">One layer (0-based); with head, a single map with token labels.</param>
    /// <param name="head">One head (0-based).</param>
    /// <param name="format">png (default) or svg.</param>
    /// <param name="db">Database.</param>
    /// <param name="store">Artifact store.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> AttentionPng(Guid id, long step, int? layer, int? head, string? format, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        var directory = await DirectoryAsync(id, step, db, store, ct);
        if (CheckpointViews.ReadAttention(directory) is not { } view) return Problems.NotFound("No attention probe", $"Checkpoint {step} has no attention probe.");
        var weights = new AttentionWeights(view.Weights, (int)view.Shape[0], (int)view.Shape[1], (int)view.Shape[2], view.Pieces);
        if (layer < 0 || layer >= weights.Layers || head < 0 || head >= weights.Heads)
            return Problems.BadRequest("No such layer or head", $"The model has {weights.Layers} layers and {weights.Heads} heads.");
        return EvaluationsApi.Render(() => AttentionGridPlot.Render(weights, new AttentionPlotOptions { Layer = layer, Head = head, Format = EvaluationsApi.PlotFormatOf(format), Width = 1200, Height = 900 }));
    }

    public static async Task<IResult> Embeddings(Guid id, long step, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        var directory = await DirectoryAsync(id, step, db, store, ct);
        return CheckpointViews.ReadEmbeddings(directory) is { } view ? TypedResults.Ok(view) : NotEvaluated(id, step);
    }

    /// <param name="id">Run id.</param>
    /// <param name="step">Checkpoint step.</param>
    /// <param name="labels">Label the N tokens most frequent in the run's dataset (default 30, 0 for none).</param>
    /// <param name="compare">Another checkpoint step: both side by side on shared axes (A = step, B = compare).</param>
    /// <param name="format">png (default) or svg.</param>
    /// <param name="db">Database.</param>
    /// <param name="store">Artifact store.</param>
    /// <param name="frequencies">Token counts per dataset.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> EmbeddingsPng(Guid id, long step, int? labels, long? compare, string? format,
        PrebiasDbContext db, IArtifactStore store, TokenFrequencies frequencies, CancellationToken ct)
    {
        if (labels is < 0 or > 1000) return Problems.BadRequest("Invalid labels", "labels: between 0 and 1000.");
        var directory = await DirectoryAsync(id, step, db, store, ct);
        if (CheckpointViews.ReadEmbeddings(directory) is not { } view) return NotEvaluated(id, step);
        EmbeddingView? other = null;
        if (compare is { } b)
        {
            // The route's filter checked the first checkpoint only; the compared one is checked here.
            if (!await db.Checkpoints.AnyAsync(c => c.RunId == id && c.Step == b, ct))
                return RouteFilters.CheckpointNotFound(id, b);
            if ((other = CheckpointViews.ReadEmbeddings(await DirectoryAsync(id, b, db, store, ct))) is null)
                return NotEvaluated(id, b);
        }
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id, ct);
        var dataset = await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == run.DatasetId, ct);
        var tokens = store.GetPathForMappedRead(dataset.TokenStoreKey);
        var counts = File.Exists(tokens) ? frequencies.Of(tokens) : null;
        var options = new EmbeddingPlotOptions
        {
            LabelTopN = labels ?? 30, Format = EvaluationsApi.PlotFormatOf(format),
        };
        if (other is null)
        {
            var single = options with { Subject = PlotTitles.Of(run, step) };
            return EvaluationsApi.Render(() => EmbeddingPlot.Render(PlotData(view, counts), single));
        }
        var pair = options with { Subject = PlotTitles.Of(run), Width = 1400 };
        return EvaluationsApi.Render(() => EmbeddingPlot.RenderPair(PlotData(view, counts), $"A: step {step}",
            PlotData(other, counts), $"B: step {compare}", pair));
    }

    private static EmbeddingPlotData PlotData(EmbeddingView view, IReadOnlyList<long>? counts) => new(
        view.Points.Select(p => p.X).ToList(), view.Points.Select(p => p.Y).ToList(),
        view.ExplainedVarianceRatio[0], view.ExplainedVarianceRatio[1], view.Points.Select(p => p.Piece).ToList(),
        counts is null ? null : view.Points.Select(p => p.Id < counts.Count ? counts[p.Id] : 0).ToList());

    public static async Task<IResult> Layers(Guid id, long step, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        var directory = await DirectoryAsync(id, step, db, store, ct);
        return CheckpointViews.ReadLayers(directory) is { } view ? TypedResults.Ok(view) : NotEvaluated(id, step);
    }

    public static async Task<IResult> LayersPng(Guid id, long step, string? format, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        var directory = await DirectoryAsync(id, step, db, store, ct);
        if (CheckpointViews.ReadLayers(directory) is not { } view) return NotEvaluated(id, step);
        var matrix = new double[view.Layers, view.Layers];
        for (var i = 0; i < view.Layers; i++) for (var j = 0; j < view.Layers; j++) matrix[i, j] = view.Similarity[i][j];
        return EvaluationsApi.Render(() => LayerSimilarityPlot.Render(matrix, new LayerSimilarityPlotOptions { Format = EvaluationsApi.PlotFormatOf(format), Width = 800, Height = 700 }));
    }

    private static ProblemHttpResult NotEvaluated(Guid id, long step) =>
        Problems.Conflict("Checkpoint not evaluated", $"Checkpoint {step} of run {id} has not been evaluated: POST /api/runs/{id}/evaluations.");

    /// <param name="id">Run id.</param>
    /// <param name="step">Checkpoint step.</param>
    /// <param name="prompt">Text after BOS (may be empty: generation from BOS alone); at most 2000 characters.</param>
    /// <param name="maxTokens">New tokens at most, 1..1024 (also capped by the model's context). Default 200.</param>
    /// <param name="db">Database.</param>
    /// <param name="store">Artifact store.</param>
    /// <param name="tokenizers">Loaded tokenizers.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> Generate(Guid id, long step, string? prompt, int? maxTokens, PrebiasDbContext db,
        IArtifactStore store, TokenizerCache tokenizers, CancellationToken ct)
    {
        prompt ??= "";
        if (prompt.Length > 2000) return Problems.BadRequest("Invalid prompt", "prompt: at most 2000 characters.");
        if (maxTokens is < 1 or > 1024) return Problems.BadRequest("Invalid maxTokens", "maxTokens: between 1 and 1024.");
        var directory = await DirectoryAsync(id, step, db, store, ct);
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id, ct);
        var dataset = await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == run.DatasetId, ct);
        var tokenizer = tokenizers.Get(await db.Tokenizers.AsNoTracking().SingleAsync(t => t.Id == dataset.TokenizerId, ct));
        try
        {
            // One core: interactive requests share the machine with training and evaluation jobs.
            return TypedResults.Ok(await Task.Run(() => PromptGenerator.Generate(directory, tokenizer, prompt, maxTokens ?? 200, threads: 1, ct), ct));
        }
        catch (ArgumentException e) when (e.ParamName == "prompt")
        {
            return Problems.BadRequest("Invalid prompt", $"prompt: {e.Message}");
        }
    }

    private static async Task<string> DirectoryAsync(Guid id, long step, PrebiasDbContext db, IArtifactStore store, CancellationToken ct) =>
        store.GetPathForMappedRead((await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id, ct)).CheckpointKey(step));
}
