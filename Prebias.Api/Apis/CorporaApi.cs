using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Contracts;
using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Download;
using Prebias.Core.Corpora.Sandbox;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;

namespace Prebias.Api.Apis;

/// <summary><c>/api/corpora</c>: import TinyStories, user files or a URL, generate a synthetic corpus or mix Ready
/// corpora; page through documents.</summary>
public static class CorporaApi
{
    public static RouteGroupBuilder MapCorporaApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/corpora").WithTags("Corpora");
        group.MapPost("", CreateCorpus).WithName("CreateCorpus")
            .WithSummary("Create a corpus from a source (synthetic, file, url, tinystories, mixture); " +
                         "202 with the import job");
        group.MapPost("upload", UploadCorpus).WithName("UploadCorpus").DisableAntiforgery()
            .WithSummary("Create a corpus from an uploaded JSON, JSONL or text file (multipart form field 'file')");
        group.MapGet("", ListCorpora).WithName("ListCorpora").WithSummary("List corpora, newest first");
        group.MapGet("{id:guid}", GetCorpus).WithName("GetCorpus").WithSummary("A corpus: state, document count, bytes, sha256, source");
        group.MapGet("{id:guid}/documents", GetDocuments).WithName("GetCorpusDocuments")
            .WithSummary("Documents of a Ready corpus with their attributes (synthetic ground truth), by offset and limit");
        return group;
    }

    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem, ProblemHttpResult>> CreateCorpus(CorpusRequest request, CorpusLauncher launcher, CancellationToken ct) =>
        (await launcher.LaunchAsync(request.Name, request.ToSpec(), ct)).ToHttp();

    /// <param name="file">The corpus file.</param>
    /// <param name="name">Display name (defaults to the file name).</param>
    /// <param name="format">auto (default), json, jsonl or text.</param>
    /// <param name="textField">JSON/JSONL field with the text (default story).</param>
    /// <param name="separator">Plain text: separator line (default &lt;|endoftext|&gt;; empty = blank lines).</param>
    /// <param name="badDocuments">fail (default) or skip.</param>
    /// <param name="launcher">Corpus imports.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem, ProblemHttpResult>> UploadCorpus(
        IFormFile? file, [FromForm] string? name, [FromForm] string? format, [FromForm] string? textField, [FromForm] string? separator,
        [FromForm] string? badDocuments, CorpusLauncher launcher, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send a non-empty file in the multipart field 'file'."] });
        return (await launcher.LaunchUploadAsync(name ?? file.FileName, file.FileName, (s, c) => file.CopyToAsync(s, c),
            format, textField, separator, badDocuments, ct)).ToHttp();
    }

    /// <param name="limit">Page size, 1..1000 (default 100).</param>
    /// <param name="offset">Rows to skip (default 0); a full page has a Link rel="next" header.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<Results<Ok<List<CorpusResponse>>, ValidationProblem>> ListCorpora(int? limit, int? offset, HttpContext http, PrebiasDbContext db, CancellationToken ct) =>
        ListPaging.Problems(limit, offset) is { } errors ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok((await ListPaging.PageAsync(db.Corpora.AsNoTracking().OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id), limit, offset, http, ct)).ConvertAll(CorpusResponse.From));

    public static async Task<Results<Ok<CorpusResponse>, ProblemHttpResult>> GetCorpus(Guid id, PrebiasDbContext db, CancellationToken ct) =>
        await db.Corpora.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } corpus
            ? TypedResults.Ok(CorpusResponse.From(corpus))
            : Problems.NotFound("Corpus not found", $"No corpus '{id}'.");

    /// <param name="id">Corpus id.</param>
    /// <param name="offset">First document index (default 0).</param>
    /// <param name="limit">At most this many documents (1..1000, default 20).</param>
    /// <param name="db">Database.</param>
    /// <param name="store">Artifact store.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<Results<Ok<IReadOnlyList<CorpusDocument>>, ProblemHttpResult>> GetDocuments(
        Guid id, int? offset, int? limit, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        var corpus = await db.Corpora.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (corpus is null) return Problems.NotFound("Corpus not found", $"No corpus '{id}'.");
        if (corpus.State != ResourceState.Ready) return Problems.Conflict("Corpus not ready", $"Corpus {id} is {corpus.State}.");
        if (offset is < 0 || limit is < 1 or > 1000) return Problems.BadRequest("Bad paging", "offset must be >= 0 and limit between 1 and 1000.");
        using var reader = CorpusFolder.Open(store, corpus);
        var from = Math.Min(offset ?? 0, reader.Count);
        return TypedResults.Ok(reader.Read(from, Math.Min(limit ?? 20, reader.Count - from)));
    }
}
