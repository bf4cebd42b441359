using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Contracts;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;
using Prebias.Core.Tokenization;
using Prebias.Core.Validation;

namespace Prebias.Api.Apis;

/// <summary><c>/api/tokenizers</c>: SentencePiece models (given or trained), GPT-2; encode, decode, export for llama2.c.</summary>
public static class TokenizersApi
{
    public static RouteGroupBuilder MapTokenizersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/tokenizers").WithTags("Tokenizers");
        group.MapPost("", CreateTokenizer).WithName("CreateTokenizer")
            .WithSummary("Create a tokenizer: sentencepiece (.model from path or url), gpt2, or train (BPE on a corpus with spm_train)");
        group.MapPost("upload", UploadTokenizer).WithName("UploadTokenizer").DisableAntiforgery()
            .WithSummary("Create a sentencepiece tokenizer from an uploaded .model (multipart form field 'file')");
        group.MapGet("", ListTokenizers).WithName("ListTokenizers").WithSummary("List tokenizers, newest first");
        group.MapGet("{id:guid}", GetTokenizer).WithName("GetTokenizer").WithSummary("A tokenizer: state, vocabulary size, BOS/EOS, sha256");
        group.MapPost("{id:guid}/encode", Encode).WithName("Encode").WithSummary("Encode text to ids and pieces (no BOS added)");
        group.MapPost("{id:guid}/decode", Decode).WithName("Decode").WithSummary("Decode ids to text");
        group.MapGet("{id:guid}/export/llama2c", ExportLlama2c).WithName("ExportTokenizerLlama2c")
            .WithSummary("The tokenizer in llama2.c's tokenizer.bin format, for run.c");
        return group;
    }

    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem, ProblemHttpResult>> CreateTokenizer(TokenizerSpec spec, TokenizerLauncher launcher, CancellationToken ct) =>
        (await launcher.LaunchAsync(spec, ct)).ToHttp();

    /// <param name="file">A SentencePiece .model file.</param>
    /// <param name="name">Display name (defaults to the file name).</param>
    /// <param name="launcher">Tokenizer builds.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<Results<Accepted<AcceptedJob>, ValidationProblem, ProblemHttpResult>> UploadTokenizer(
        IFormFile? file, [FromForm] string? name, TokenizerLauncher launcher, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send a SentencePiece .model in the multipart field 'file'."] });
        return (await launcher.LaunchUploadAsync(name ?? file.FileName, file.FileName, (s, c) => file.CopyToAsync(s, c), ct)).ToHttp();
    }

    /// <param name="limit">Page size, 1..1000 (default 100).</param>
    /// <param name="offset">Rows to skip (default 0); a full page has a Link rel="next" header.</param>
    /// <param name="http">The request.</param>
    /// <param name="db">Database.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<Results<Ok<List<TokenizerResponse>>, ValidationProblem>> ListTokenizers(int? limit, int? offset, HttpContext http, PrebiasDbContext db, CancellationToken ct) =>
        ListPaging.Problems(limit, offset) is { } errors ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok((await ListPaging.PageAsync(db.Tokenizers.AsNoTracking().OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id), limit, offset, http, ct)).ConvertAll(TokenizerResponse.From));

    public static async Task<Results<Ok<TokenizerResponse>, ProblemHttpResult>> GetTokenizer(Guid id, PrebiasDbContext db, CancellationToken ct) =>
        await db.Tokenizers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct) is { } t
            ? TypedResults.Ok(TokenizerResponse.From(t))
            : Problems.NotFound("Tokenizer not found", $"No tokenizer '{id}'.");

    public static async Task<Results<Ok<EncodeResponse>, ProblemHttpResult, ValidationProblem>> Encode(
        Guid id, EncodeRequest request, PrebiasDbContext db, TokenizerCache cache, CancellationToken ct)
    {
        if (request.Text is null) return Invalid("text", "Send { \"text\": \"...\" }.");
        if (request.Text.Length > RequestLimits.EncodeTextChars)
            return Invalid("text", $"text must be at most {RequestLimits.EncodeTextChars} characters, not {request.Text.Length}.");
        var (tokenizer, problem) = await ReadyTokenizerAsync(id, db, cache, ct);
        if (problem is not null) return problem;
        var encoded = tokenizer!.EncodeToPieces(request.Text);
        return TypedResults.Ok(new EncodeResponse(encoded.Ids, encoded.Pieces));
    }

    public static async Task<Results<Ok<DecodeResponse>, ProblemHttpResult, ValidationProblem>> Decode(
        Guid id, DecodeRequest request, PrebiasDbContext db, TokenizerCache cache, CancellationToken ct)
    {
        if (request.Ids is null) return Invalid("ids", "Send { \"ids\": [1, 2, 3] }.");
        if (request.Ids.Length > RequestLimits.DecodeIds) return Invalid("ids", $"ids must have at most {RequestLimits.DecodeIds} items, not {request.Ids.Length}.");
        var (tokenizer, problem) = await ReadyTokenizerAsync(id, db, cache, ct);
        if (problem is not null) return problem;
        if (request.Ids.Any(i => i < 0 || i >= tokenizer!.VocabSize))
            return Invalid("ids", $"Token ids must be in [0, {tokenizer!.VocabSize}).");
        return TypedResults.Ok(new DecodeResponse(tokenizer!.Decode(request.Ids)));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportLlama2c(
        Guid id, PrebiasDbContext db, TokenizerCache cache, CancellationToken ct)
    {
        var (tokenizer, problem) = await ReadyTokenizerAsync(id, db, cache, ct);
        if (problem is not null) return problem;
        using var buffer = new MemoryStream();
        Llama2cTokenizerExporter.Export(tokenizer!, buffer);
        return TypedResults.File(buffer.ToArray(), "application/octet-stream", "tokenizer.bin");
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static async Task<(ITextTokenizer?, ProblemHttpResult?)> ReadyTokenizerAsync(Guid id, PrebiasDbContext db, TokenizerCache cache, CancellationToken ct)
    {
        var record = await db.Tokenizers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (record is null) return (null, Problems.NotFound("Tokenizer not found", $"No tokenizer '{id}'."));
        if (record.State != ResourceState.Ready) return (null, Problems.Conflict("Tokenizer not ready", $"Tokenizer {id} is {record.State}."));
        return (cache.Get(record), null);
    }
}
