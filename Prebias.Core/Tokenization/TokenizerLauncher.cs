using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Corpora.Download;
using Prebias.Core.Corpora.Sandbox;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;
using Prebias.Core.Tokenization;
using Prebias.Core.Validation;

namespace Prebias.Core.Tokenization;

/// <summary>
/// Starts a tokenizer (<c>POST /api/tokenizers</c> and <c>/upload</c>): given, downloaded, GPT-2 or trained on a
/// corpus, in which case the build waits for that corpus's import.
/// </summary>
public sealed class TokenizerLauncher(PrebiasDbContext db, JobScheduler scheduler, IArtifactStore store,
    ImportSandbox sandbox, DownloadAddressPolicy addresses)
{
    public async Task<LaunchResult> LaunchAsync(TokenizerSpec spec, CancellationToken ct)
    {
        // Upload is set only by the upload endpoint: a client cannot point a tokenizer at another one's file.
        spec = spec with { Upload = null };
        var errors = TokenizerSpecValidator.Validate(spec, sandbox, addresses);
        if (spec.Kind == "train" && spec.CorpusId is { } corpusId && errors.Count == 0)
        {
            var corpus = await db.Corpora.AsNoTracking().SingleOrDefaultAsync(c => c.Id == corpusId, ct);
            if (corpus is null) errors["corpusId"] = [$"No corpus '{corpusId}'."];
            else if (corpus.State == ResourceState.Failed)
                errors["corpusId"] = [$"Corpus {corpusId} failed: {corpus.Error}"];
        }
        var limits = new FieldErrors().MaxLength("name", spec.Name, RequestLimits.NameChars).MaxLength("kind", spec.Kind, RequestLimits.ShortTextChars)
            .MaxLength("path", spec.Path, RequestLimits.PathChars).MaxLength("url", spec.Url, RequestLimits.PathChars);
        foreach (var (field, messages) in limits.ToDictionary()) errors[field] = messages;
        if (errors.Count > 0) return new LaunchResult.Invalid(errors);
        var parent = spec.Kind == "train"
            ? await db.Corpora.AsNoTracking().Where(c => c.Id == spec.CorpusId && c.State == ResourceState.Pending).Select(c => c.JobId).SingleOrDefaultAsync(ct)
            : null;
        return await StartAsync(Guid.NewGuid(), spec, parent, ct);
    }

    /// <summary>An uploaded SentencePiece .model, stored atomically under the new tokenizer's id.</summary>
    public async Task<LaunchResult> LaunchUploadAsync(string name, string fileName, Func<Stream, CancellationToken, Task> content, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var key = $"uploads/{id:N}/{UploadFileName.Sanitize(fileName)}";
        await store.WriteAtomicAsync(key, content, ct);
        return await StartAsync(id, new TokenizerSpec { Kind = "sentencepiece", Name = name, Upload = key }, null, ct);
    }

    private async Task<LaunchResult> StartAsync(Guid id, TokenizerSpec spec, string? parentJobId, CancellationToken ct)
    {
        var record = new TokenizerRecord
        {
            Id = id, Name = spec.Name ?? (spec.Kind == "train" ? $"bpe{spec.VocabSize}" : spec.Kind), Kind = spec.Kind,
            Source = JsonSerializer.Serialize(spec, JsonDefaults.Options), CorpusId = spec.Kind == "train" ? spec.CorpusId : null,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Tokenizers.Add(record);
        await db.SaveChangesAsync(ct);
        var location = $"/api/tokenizers/{id}";
        record.JobId = await scheduler.EnqueueAfterAsync<TokenizerBuildJob>(parentJobId, JobQueues.Cpu, j => j.RunAsync(id, CancellationToken.None),
            location, ct);
        await db.SaveChangesAsync(ct);
        return new LaunchResult.Accepted(id.ToString(), record.JobId, location);
    }
}
