using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Contracts;
using Prebias.Api.Tables;
using Prebias.Core.Corpora;
using Prebias.Core.Domain;
using Prebias.Core.Metrics;
using Prebias.Core.Persistence;
using Prebias.Core.SampleMetrics;
using Prebias.Core.Storage;
using Prebias.Core.Validation;

namespace Prebias.Api.Apis;

/// <summary>
/// Sample metrics of a dataset: compute them (a job), query samples sorted and filtered by a metric with keyset
/// pagination, and summarise each metric's distribution. Tables answer JSON, CSV or Parquet.
/// </summary>
public static class SampleMetricsApi
{
    private const int PreviewChars = 160;

    public static RouteGroupBuilder MapSampleMetricsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/datasets/{id:guid}").WithTags("Sample metrics");
        group.MapPost("metrics", ComputeMetrics).WithName("ComputeSampleMetrics")
            .WithSummary("Score every sample with the text metrics (all, or the listed ones) on all cores; replaces earlier values");
        group.MapGet("samples", QuerySamples).WithName("QuerySamples")
            .WithSummary("Samples sorted by a metric (keyset pagination with after=), filtered by min/max and split; ?format=json|csv|parquet");
        group.MapGet("samples/export", ExportSamples).WithName("ExportSamples").RequireDataset()
            .WithSummary("Every sample with its metric values as one Parquet file (sample id order, row groups of "
                + "65,536 rows); the page's columns without the preview");
        group.MapGet("metrics/summary", Summary).WithName("SampleMetricsSummary").RequireDataset()
            .WithSummary("Per metric: count, mean, std, min, 5/25/50/75/95% quantiles, max; ?format=json|csv|parquet");
        return group;
    }

    /// <summary>Which metrics to compute; all text metrics when omitted.</summary>
    public sealed record ComputeMetricsRequest(string[]? Metrics);

    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem, ProblemHttpResult>> ComputeMetrics(
        Guid id, ComputeMetricsRequest? request, SampleMetricsLauncher launcher, CancellationToken ct) =>
        (await launcher.LaunchAsync(id, request?.Metrics, ct)).ToHttp();

    /// <param name="id">Dataset id.</param>
    /// <param name="sort">A metric name to sort by (default: sample id).</param>
    /// <param name="order">asc (default) or desc.</param>
    /// <param name="min">Keep samples whose sort metric is at least this.</param>
    /// <param name="max">Keep samples whose sort metric is at most this.</param>
    /// <param name="split">train or val.</param>
    /// <param name="limit">Page size, 1..1000 (default 50).</param>
    /// <param name="after">The <c>next</c> cursor of the previous page.</param>
    /// <param name="format">json (default), csv or parquet.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="queries">Sample metric queries.</param>
    /// <param name="store">Artifact store.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> QuerySamples(Guid id, string? sort, string? order, double? min, double? max, string? split, int? limit,
        string? after, string? format, HttpRequest http, PrebiasDbContext db, SampleMetricsQueries queries, IArtifactStore store, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        MetricDefinition? sortMetric = null;
        if (sort is not null && !MetricRegistry.TryGet(sort, out sortMetric))
            errors["sort"] = [$"Unknown metric '{sort}'. Valid metrics: {string.Join(", ", MetricRegistry.Names)}."];
        if (order is not (null or "asc" or "desc")) errors["order"] = ["order must be asc or desc."];
        if (split is not (null or "train" or "val")) errors["split"] = ["split must be train or val."];
        if (limit is < 1 or > 1000) errors["limit"] = ["limit must be between 1 and 1000."];
        // NaN compares false with everything: min=NaN used to answer an empty page instead of an error.
        if (min is { } low && !double.IsFinite(low)) errors["min"] = ["min must be a finite number."];
        if (max is { } high && !double.IsFinite(high)) errors["max"] = ["max must be a finite number."];
        if (min > max) errors["min"] = ["min must not exceed max."];
        if ((min is not null || max is not null) && sortMetric is null) errors["sort"] = ["min and max filter the sort metric: give sort=<metric>."];
        if (!SampleCursor.TryParse(after, sortMetric is not null, out var cursor)) errors["after"] = ["Invalid cursor; pass the 'next' value of the previous page."];
        var tableFormat = TableFormats.Resolve(format, http);
        if (tableFormat is null) errors["format"] = ["format must be json, csv or parquet."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (dataset is null) return Problems.NotFound("Dataset not found", $"No dataset '{id}'.");
        if (dataset.State != ResourceState.Ready) return Problems.Conflict("Dataset not ready", $"Dataset {id} is {dataset.State}.");

        var rows = await queries.PageAsync(new SampleQuery(id, sortMetric?.Name, order == "desc", min, max, split, limit ?? 50, cursor), ct);
        var corpus = await db.Corpora.AsNoTracking().SingleAsync(c => c.Id == dataset.CorpusId, ct);
        using var documents = CorpusFolder.Open(store, corpus);
        var previews = rows.Select(r => Preview(documents.Get(r.DocumentIndex).Text)).ToList();
        var next = rows.Count == (limit ?? 50) && rows.Count > 0
            ? new SampleCursor(sortMetric is null ? null : rows[^1].Metrics[sortMetric.Name], rows[^1].Id).ToString() : null;

        if (tableFormat == TableFormat.Json)
            return TypedResults.Ok(new
            {
                items = rows.Select((r, i) => new { r.Id, r.DocumentIndex, r.Split, tokenizerTokens = r.TokenCount, preview = previews[i], r.Metrics }),
                next,
            });
        // JSON's names; "tokenizerTokens" counts tokenizer tokens (BOS included) and cannot collide with the word-count
        // metric token_count, which a reader keyed by column name would otherwise lose.
        var columns = new List<TableColumn> { new("id", typeof(int)), new("documentIndex", typeof(int)), new("split", typeof(string)),
            new("tokenizerTokens", typeof(int)), new("preview", typeof(string)) };
        // The page's attributes (attr.*) follow the metric columns, as they follow them in JSON's metrics.
        var attributes = rows.SelectMany(r => r.Metrics.Keys)
            .Where(k => k.StartsWith(AttributeMetric.Prefix, StringComparison.Ordinal)).Distinct().Order();
        var names = MetricRegistry.All.Select(m => m.Name).Concat(attributes).ToList();
        columns.AddRange(names.Select(n => new TableColumn(n, typeof(double))));
        var table = new Table(columns, rows.Select((r, i) => new object?[] { r.Id, r.DocumentIndex, r.Split, r.TokenCount, previews[i] }
            .Concat(names.Select(n => (object?)r.Metrics.GetValueOrDefault(n))).ToArray()).ToList());
        return new TableResult(table, tableFormat!.Value, $"samples-{id:N}");
    }

    /// <param name="id">Dataset id.</param>
    /// <param name="db">Database.</param>
    /// <param name="export">The Parquet export.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> ExportSamples(Guid id, PrebiasDbContext db, SampleMetricsExport export,
        CancellationToken ct)
    {
        var dataset = await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == id, ct);
        if (dataset.State != ResourceState.Ready)
            return Problems.Conflict("Dataset not ready", $"Dataset {id} is {dataset.State}.");
        // Parquet's footer records each row group's file offset, so the writer needs a seekable stream: a temporary
        // file (memory stays one row group), removed when the response has been sent.
        var path = Path.GetTempFileName();
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await export.WriteParquetAsync(id, file, ct);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        return TypedResults.File(file, TableFormats.ParquetMediaType, $"samples-{id:N}.parquet");
    }

    /// <param name="id">Dataset id.</param>
    /// <param name="split">Only train or val samples.</param>
    /// <param name="format">json (default), csv or parquet.</param>
    /// <param name="http">The request.</param>
    /// <param name="summaries">Stored summaries, else live ones.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<IResult> Summary(Guid id, string? split, string? format, HttpRequest http,
        SampleMetricSummaryStore summaries, CancellationToken ct)
    {
        if (split is not (null or "train" or "val")) return Problems.BadRequest("Bad split", "split must be train or val.");
        if (TableFormats.Resolve(format, http) is not { } tableFormat) return TableFormats.Invalid(format);
        var summary = await summaries.SummaryAsync(id, split, ct);
        if (tableFormat == TableFormat.Json) return TypedResults.Ok(summary);
        return new TableResult(Table.FromRecords(summary), tableFormat, $"metrics-summary-{id:N}");
    }

    private static string Preview(string text) => text.Length <= PreviewChars ? text : text[..PreviewChars] + "…";
}
