using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Corpora.Download;
using Prebias.Core.Corpora.Import;
using Prebias.Core.Corpora.Mixtures;
using Prebias.Core.Corpora.Sandbox;
using Prebias.Core.Corpora.Synthetic;
using Prebias.Core.Corpora.TinyStories;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Lifecycle;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;

namespace Prebias.Core.Corpora;

/// <summary>
/// Builds a corpus from its source into the artifact store. Reentrant: the corpus folder is written whole
/// (<see cref="CorpusFolder.WriteAsync{T}"/>), replacing a partial one only when complete, downloads resume from
/// their <c>.part</c> file, and a corpus
/// already Ready is left alone. Bad input fails the job with a readable message and leaves nothing registered.
/// Server paths go through the <see cref="ImportSandbox"/>; once the import ends for good (done, failed or cancelled)
/// its inputs, the upload and the download folder, are removed.
/// </summary>
[ProducesResource(ResourceKind.Corpus)]
public sealed class CorpusImportJob(PrebiasDbContext db, IArtifactStore store, JobProgress progress, IHttpClientFactory httpClients,
    ImportSandbox sandbox, JobStorage jobStorage)
{
    [Queue(JobQueues.Cpu)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid corpusId, CancellationToken ct)
    {
        var corpus = await db.Corpora.SingleAsync(c => c.Id == corpusId, ct);
        if (corpus.State == ResourceState.Ready) return;
        var spec = JsonSerializer.Deserialize<CorpusImportSpec>(corpus.Source, JsonDefaults.Options)!;

        try
        {
            var report = await CorpusFolder.WriteAsync(store, corpus,
                folder => ImportOrCleanUpAsync(corpus, spec, folder, ct));

            var summary = report.Corpus!;
            corpus.DocumentCount = summary.DocumentCount;
            corpus.Bytes = summary.Bytes;
            corpus.Sha256 = summary.Sha256;
            corpus.SkippedDocuments = report.Skipped;
            corpus.SkipReport = report.Skipped > 0 ? JsonSerializer.Serialize(new { byReason = report.SkippedByReason, examples = report.Examples }, JsonDefaults.Options) : null;
            corpus.State = ResourceState.Ready;
            corpus.Error = null;
            corpus.CompletedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(CancellationToken.None);
            RemoveInputs(corpus, spec);
            progress.Report(1, $"{summary.DocumentCount:N0} documents, {summary.Bytes:N0} bytes" + (report.Skipped > 0 ? $", {report.Skipped:N0} skipped" : ""));
        }
        // Nothing half-written stays; the job state filter marks the corpus Failed (or Cancelled) with the message.
        catch (Exception ex)
        {
            if (ex is CorpusImportException or CorpusDownloadException or ArgumentException or IOException or InvalidDataException or HttpRequestException)
                throw new JobFailedException($"Corpus '{corpus.Name}' failed: {ex.Message}", ex);
            throw;
        }
    }

    /// <summary>Imports; on a failure or a cancellation also removes the inputs. A worker
    /// shutting down cancels too, but then the job comes back: the upload and a partial download are kept for it.</summary>
    private async Task<CorpusImportReport> ImportOrCleanUpAsync(CorpusRecord corpus, CorpusImportSpec spec, string staging, CancellationToken ct)
    {
        try
        {
            return await ImportAsync(corpus, spec, staging, ct);
        }
        catch (Exception ex)
        {
            if (ex is not OperationCanceledException || WasDeleted(corpus.JobId)) RemoveInputs(corpus, spec);
            throw;
        }
    }

    private bool WasDeleted(string? jobId)
    {
        if (jobId is null) return false;
        using var connection = jobStorage.GetConnection();
        return connection.GetStateData(jobId)?.Name == Hangfire.States.DeletedState.StateName;
    }

    private void RemoveInputs(CorpusRecord corpus, CorpusImportSpec spec)
    {
        store.Delete(corpus.ArtifactKey + CorpusFolder.DownloadSuffix);
        if (spec.Source.Upload is { } upload) store.Delete(Path.GetDirectoryName(upload)!);
    }

    private async Task<CorpusImportReport> ImportAsync(CorpusRecord corpus, CorpusImportSpec spec, string staging, CancellationToken ct)
    {
        var options = CorpusSpecValidator.ToImportOptions(spec) with { MaxInputBytes = sandbox.MaxBytes };
        var source = spec.Source;
        switch (source.Kind)
        {
            case "synthetic":
                var synthetic = source.Synthetic ?? new SyntheticCorpusOptions();
                var generated = new InlineProgress<int>(n => progress.Report((double)n / Math.Max(1, synthetic.Documents), $"generated {n:N0} of {synthetic.Documents:N0} stories"));
                var summary = SyntheticStoryGenerator.WriteCorpus(staging, synthetic, generated, ct);
                return new CorpusImportReport(summary.DocumentCount, 0, new Dictionary<BadDocumentReason, int>(), [], summary);

            case "file":
                progress.Report(0.1, "importing");
                if (source.Upload is { } upload)
                {
                    if (!store.Exists(upload))
                        throw new CorpusImportException(BadDocumentReason.EmptyCorpus, upload, "the upload is gone");
                    using var uploaded = store.OpenRead(upload);
                    return CorpusFileImporter.ImportToDirectory(uploaded, Path.GetFileName(upload), staging, options,
                        ct);
                }
                var shards = sandbox.ResolveShards(source.Path!, out var isSet);
                if (shards.Count == 0) throw new UnsafeSourceException(sandbox.RefusalMessage);
                if (isSet)
                {
                    var read = new InlineProgress<int>(n => progress.Report(0.1 + 0.9 * n / shards.Count, $"imported {n} of {shards.Count} shards"));
                    return CorpusShardImporter.ImportToDirectory(shards, sandbox, staging, options, read, ct);
                }
                using (var input = sandbox.OpenRead(source.Path!))
                    return CorpusFileImporter.ImportToDirectory(input, Path.GetFileName(source.Path), staging, options, ct);

            case "url":
                var download = Path.Combine(CorpusFolder.DownloadFolder(store, corpus), FileNameOf(source.Url!));
                Directory.CreateDirectory(Path.GetDirectoryName(download)!);
                if (!File.Exists(download))
                    await new ResumableDownloader(httpClients.CreateClient("downloads")).DownloadAsync(new Uri(source.Url!), download, DownloadProgress(), ct);
                return CorpusFileImporter.ImportToDirectory(download, staging, options, ct);

            case "tinystories":
                var tiny = new TinyStoriesOptions { ShardLimit = source.ShardLimit, Import = options with { Format = CorpusFileFormat.JsonArray } };
                if (source.Url is { } url) tiny = tiny with { Url = new Uri(url) };
                var archive = Path.Combine(CorpusFolder.DownloadFolder(store, corpus), "TinyStories_all_data.tar.gz");
                Directory.CreateDirectory(Path.GetDirectoryName(archive)!);
                var unpack = new InlineProgress<TinyStoriesProgress>(p => progress.Report(0.5 + 0.5 * p.ShardsDone / Math.Max(1, p.ShardsTotal), $"unpacked {p.ShardsDone}/{p.ShardsTotal} shards, {p.Documents:N0} stories"));
                var report = await new TinyStoriesSource(httpClients.CreateClient("downloads")).ImportAsync(archive, staging, tiny, DownloadProgress(), unpack, ct);
                return report.Import;

            case "mixture":
                return await MixAsync(source, staging, ct);

            default:
                throw new ArgumentException($"Unknown source kind '{source.Kind}'.");
        }
    }

    /// <summary>A mixture of Ready corpora; a part that is missing or not Ready fails the job with its id.</summary>
    private async Task<CorpusImportReport> MixAsync(CorpusSourceSpec source, string staging, CancellationToken ct)
    {
        var ids = source.Parts!.Select(p => p.CorpusId).ToList();
        var found = await db.Corpora.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var readers = new List<CorpusReader>();
        try
        {
            var parts = new List<(Guid, CorpusReader, double)>();
            foreach (var part in source.Parts!)
            {
                if (!found.TryGetValue(part.CorpusId, out var corpus) || corpus.State != ResourceState.Ready)
                    throw new ArgumentException($"mixture part {part.CorpusId} is not a Ready corpus.");
                var reader = CorpusFolder.Open(store, corpus);
                readers.Add(reader);
                parts.Add((part.CorpusId, reader, part.Weight));
            }
            var size = source.Size!.Value;
            var written = new InlineProgress<int>(n => progress.Report((double)n / size, $"mixed {n:N0} of {size:N0} documents"));
            var summary = CorpusMixer.Write(parts, size, source.Seed ?? 0, staging, written, ct);
            return new CorpusImportReport(summary.DocumentCount, 0, new Dictionary<BadDocumentReason, int>(), [], summary);
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
        }
    }

    private InlineProgress<DownloadProgress> DownloadProgress() => new(p => progress.Report(
        p.BytesTotal is > 0 ? 0.5 * p.BytesDone / p.BytesTotal.Value : 0.05,
        $"downloaded {p.BytesDone / 1e6:F1} MB" + (p.BytesTotal is { } t ? $" of {t / 1e6:F1} MB" : "")));

    private static string FileNameOf(string url) =>
        Path.GetFileName(new Uri(url).AbsolutePath) is { Length: > 0 } name ? name : "download";
}
