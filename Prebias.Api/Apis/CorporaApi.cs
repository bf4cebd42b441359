using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Contracts;
using Prebias.Core;
using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Download;
using Prebias.Core.Corpora.Sandbox;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;
using Prebias.Core.Validation;

namespace Prebias.Api.Apis;

/// <summary><c>/api/corpora</c>: import TinyStories, user files or a URL, or generate a synthetic corpus; page through documents.</summary>
public static class CorporaApi
{
    public static RouteGroupBuilder MapCorporaApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/corpora").WithTags("Corpora");
        group.MapPost("", CreateCorpus).WithName("CreateCorpus")
            .WithSummary("Create a corpus from a source (synthetic, file, url, tinystories); 202 with the import job");
        group.MapPost("upload", UploadCorpus).WithName("UploadCorpus").DisableAntiforgery()
            .WithSummary("Create a corpus from an uploaded JSON, JSONL or text file (multipart form field 'file')");
        group.MapGet("", ListCorpora).WithName("ListCorpora").WithSummary("List corpora, newest first");
        group.MapGet("{id:guid}", GetCorpus).WithName("GetCorpus").WithSummary("A corpus: state, document count, bytes, sha256, source");
        group.MapGet("{id:guid}/documents", GetDocuments).WithName("GetCorpusDocuments")
            .WithSummary("Documents of a Ready corpus with their attributes (synthetic ground truth), by offset and limit");
        return group;
    }

    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem>> CreateCorpus(
        CorpusRequest request, PrebiasDbContext db, JobScheduler scheduler, ImportSandbox sandbox, DownloadAddressPolicy addresses, CancellationToken ct)
    {
        var spec = request.ToSpec();
        if (CorpusRequestValidator.Validate(request.Name, spec) is { Count: > 0 } limits) return TypedResults.ValidationProblem(limits.ToDictionary());
        if (spec.Source.Upload is not null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["source.upload"] = ["Use POST /api/corpora/upload to upload a file."] });
        var errors = CorpusSpecValidator.Validate(spec, sandbox, addresses);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var id = Guid.NewGuid();
        return TypedResults.Accepted($"/api/corpora/{id}", await StartAsync(request.Name ?? spec.Source.Kind, spec, id, db, scheduler, ct));
    }

    /// <param name="file">The corpus file.</param>
    /// <param name="name">Display name (defaults to the file name).</param>
    /// <param name="format">auto (default), json, jsonl or text.</param>
    /// <param name="textField">JSON/JSONL field with the text (default story).</param>
    /// <param name="separator">Plain text: separator line (default &lt;|endoftext|&gt;; empty = blank lines).</param>
    /// <param name="badDocuments">fail (default) or skip.</param>
    /// <param name="db">Database.</param>
    /// <param name="store">Artifact store.</param>
    /// <param name="scheduler">Job scheduler.</param>
    /// <param name="sandbox">Import sandbox.</param>
    /// <param name="addresses">Download address policy.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem>> UploadCorpus(
        IFormFile? file, [FromForm] string? name, [FromForm] string? format, [FromForm] string? textField, [FromForm] string? separator,
        [FromForm] string? badDocuments, PrebiasDbContext db, IArtifactStore store, JobScheduler scheduler, ImportSandbox sandbox,
        DownloadAddressPolicy addresses, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send a non-empty file in the multipart field 'file'."] });
        var id = Guid.NewGuid();
        var uploadKey = $"uploads/{id:N}/{UploadFileName.Sanitize(file.FileName)}";
        var spec = new CorpusImportSpec
        {
            Source = new CorpusSourceSpec
            {
                Kind = "file", Upload = uploadKey, Format = format ?? "auto", TextField = textField ?? "story",
                Separator = separator ?? "<|endoftext|>",
            },
            BadDocuments = badDocuments ?? "fail",
        };
        var errors = CorpusSpecValidator.Validate(spec, sandbox, addresses);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        await store.WriteAtomicAsync(uploadKey, (s, c) => file.CopyToAsync(s, c), ct);
        return TypedResults.Accepted($"/api/corpora/{id}", await StartAsync(name ?? file.FileName, spec, id, db, scheduler, ct));
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
        using var reader = CorpusReader.Open(store.GetPath(corpus.ArtifactKey));
        var from = Math.Min(offset ?? 0, reader.Count);
        return TypedResults.Ok(reader.Read(from, Math.Min(limit ?? 20, reader.Count - from)));
    }

    private static async Task<AcceptedJob> StartAsync(string name, CorpusImportSpec spec, Guid id, PrebiasDbContext db, JobScheduler scheduler, CancellationToken ct)
    {
        var corpus = new CorpusRecord
        {
            Id = id, Name = name, SourceKind = spec.Source.Kind, CreatedAt = DateTimeOffset.UtcNow,
            Source = JsonSerializer.Serialize(spec, JsonDefaults.Options),
        };
        db.Corpora.Add(corpus);
        await db.SaveChangesAsync(ct);
        corpus.JobId = await scheduler.EnqueueAsync<CorpusImportJob>(JobQueues.Cpu, j => j.RunAsync(corpus.Id, CancellationToken.None), $"/api/corpora/{corpus.Id}", ct);
        await db.SaveChangesAsync(ct);
        return new AcceptedJob(corpus.Id.ToString(), corpus.JobId);
    }
}
