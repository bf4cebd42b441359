using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Contracts;
using Prebias.Core.Corpora;
using Prebias.Core.Datasets;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;

namespace Prebias.Api.Apis;

/// <summary><c>/api/datasets</c>: pretokenize a corpus with a tokenizer; read samples.</summary>
public static class DatasetsApi
{
    public static RouteGroupBuilder MapDatasetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/datasets").WithTags("Datasets");
        group.MapPost("", CreateDataset).WithName("CreateDataset")
            .WithSummary("Pretokenize a corpus: one sample per document (BOS + tokens, truncated, padded), deterministic train/val split");
        group.MapGet("", ListDatasets).WithName("ListDatasets").WithSummary("List datasets, newest first");
        group.MapGet("{id:guid}", GetDataset).WithName("GetDataset").WithSummary("A dataset: state, sample and token counts, split sizes");
        group.MapGet("{id:guid}/samples/{sampleId:int}", GetSample).WithName("GetSample")
            .WithSummary("One sample: its tokens (BOS first, no padding), text, split and truncation flag");
        return group;
    }

    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem, ProblemHttpResult>> CreateDataset(DatasetSpec spec, DatasetLauncher launcher, CancellationToken ct) =>
        (await launcher.LaunchAsync(spec, ct)).ToHttp();

    /// <param name="limit">Page size, 1..1000 (default 100).</param>
    /// <param name="offset">Rows to skip (default 0); a full page has a Link rel="next" header.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<Results<Ok<List<DatasetResponse>>, ValidationProblem>> ListDatasets(int? limit, int? offset, HttpContext http, PrebiasDbContext db, CancellationToken ct) =>
        ListPaging.Problems(limit, offset) is { } errors ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok((await ListPaging.PageAsync(db.Datasets.AsNoTracking().OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id), limit, offset, http, ct)).ConvertAll(DatasetResponse.From));

    public static async Task<Results<Ok<DatasetResponse>, ProblemHttpResult>> GetDataset(Guid id, PrebiasDbContext db, CancellationToken ct) =>
        await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct) is { } d
            ? TypedResults.Ok(DatasetResponse.From(d))
            : Problems.NotFound("Dataset not found", $"No dataset '{id}'.");

    public static async Task<Results<Ok<SampleResponse>, ProblemHttpResult>> GetSample(
        Guid id, int sampleId, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (dataset is null) return Problems.NotFound("Dataset not found", $"No dataset '{id}'.");
        if (dataset.State != ResourceState.Ready) return Problems.Conflict("Dataset not ready", $"Dataset {id} is {dataset.State}.");
        var sample = await db.Samples.AsNoTracking().SingleOrDefaultAsync(s => s.DatasetId == id && s.Id == sampleId, ct);
        if (sample is null) return Problems.NotFound("Sample not found", $"Dataset {id} has no sample {sampleId}.");
        var corpus = await db.Corpora.AsNoTracking().SingleAsync(c => c.Id == dataset.CorpusId, ct);

        using var tokens = DatasetFolder.OpenTokens(store, dataset);
        using var documents = CorpusFolder.Open(store, corpus);
        return TypedResults.Ok(new SampleResponse(sample.Id, sample.DocumentIndex, sample.Split, tokens.ReadTokens(sample.Id),
            documents.Get(sample.DocumentIndex).Text, sample.Truncated));
    }
}
