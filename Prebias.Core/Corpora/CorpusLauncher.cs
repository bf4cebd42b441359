using System.Text.Json;
using Prebias.Core.Corpora.Download;
using Prebias.Core.Corpora.Mixtures;
using Prebias.Core.Corpora.Sandbox;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;
using Prebias.Core.Validation;

namespace Prebias.Core.Corpora;

/// <summary>
/// Starts a corpus import (<c>POST /api/corpora</c> and <c>/upload</c>): the request's lengths and ranges first,
/// then what its fields mean (kinds, formats, files inside the sandbox, addresses allowed, a mixture's parts Ready),
/// then the import job.
/// </summary>
public sealed class CorpusLauncher(PrebiasDbContext db, JobScheduler scheduler, IArtifactStore store,
    ImportSandbox sandbox, DownloadAddressPolicy addresses)
{
    public async Task<LaunchResult> LaunchAsync(string? name, CorpusImportSpec spec, CancellationToken ct)
    {
        if (CorpusRequestValidator.Validate(name, spec) is { Count: > 0 } limits)
            return new LaunchResult.Invalid(limits.ToDictionary());
        if (spec.Source.Upload is not null)
            return LaunchResult.Field("source.upload", "Use POST /api/corpora/upload to upload a file.");
        var errors = CorpusSpecValidator.Validate(spec, sandbox, addresses);
        if (errors.Count == 0 && spec.Source.Kind == "mixture")
            errors = await MixtureSpecValidator.CheckPartsAsync(spec.Source, db, ct);
        if (errors.Count > 0) return new LaunchResult.Invalid(errors);
        return await StartAsync(Guid.NewGuid(), name ?? spec.Source.Kind, spec, ct);
    }

    /// <summary>
    /// An uploaded file: stored under the new corpus's id (atomically) only once its options are valid.
    /// </summary>
    public async Task<LaunchResult> LaunchUploadAsync(string name, string fileName, Func<Stream, CancellationToken, Task> content,
        string? format, string? textField, string? separator, string? badDocuments, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var uploadKey = $"uploads/{id:N}/{UploadFileName.Sanitize(fileName)}";
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
        if (errors.Count > 0) return new LaunchResult.Invalid(errors);
        await store.WriteAtomicAsync(uploadKey, content, ct);
        return await StartAsync(id, name, spec, ct);
    }

    private async Task<LaunchResult> StartAsync(Guid id, string name, CorpusImportSpec spec, CancellationToken ct)
    {
        var corpus = new CorpusRecord
        {
            Id = id, Name = name, SourceKind = spec.Source.Kind, CreatedAt = DateTimeOffset.UtcNow,
            Source = JsonSerializer.Serialize(spec, JsonDefaults.Options),
        };
        db.Corpora.Add(corpus);
        await db.SaveChangesAsync(ct);
        var location = $"/api/corpora/{id}";
        corpus.JobId = await scheduler.EnqueueAsync<CorpusImportJob>(JobQueues.Cpu, j => j.RunAsync(id, CancellationToken.None),
            location, ct);
        await db.SaveChangesAsync(ct);
        return new LaunchResult.Accepted(id.ToString(), corpus.JobId, location);
    }
}
