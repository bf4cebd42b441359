using System.Security.Cryptography;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Corpora;
using Prebias.Core.Corpora.Download;
using Prebias.Core.Corpora.Sandbox;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Lifecycle;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;

namespace Prebias.Core.Tokenization;

/// <summary>
/// Makes a tokenizer usable: copies or downloads a SentencePiece model, or trains one on a corpus with spm_train and
/// llama2.c's options, then validates it by loading it. Reentrant: the model file is written atomically and a Ready
/// tokenizer is left alone.
/// </summary>
[ProducesResource(ResourceKind.Tokenizer)]
public sealed class TokenizerBuildJob(PrebiasDbContext db, IArtifactStore store, JobProgress progress, IHttpClientFactory httpClients,
    ImportSandbox sandbox)
{
    [Queue(JobQueues.Cpu)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid tokenizerId, CancellationToken ct)
    {
        var record = await db.Tokenizers.SingleAsync(t => t.Id == tokenizerId, ct);
        if (record.State == ResourceState.Ready) return;
        var spec = JsonSerializer.Deserialize<TokenizerSpec>(record.Source, JsonDefaults.Options)!;
        try
        {
            ITextTokenizer tokenizer;
            if (spec.Kind == "gpt2")
            {
                tokenizer = TextTokenizers.Gpt2();
                record.Sha256 = Convert.ToHexStringLower(SHA256.HashData("gpt2"u8));
            }
            else
            {
                await ProduceModelAsync(record, spec, ct);
                tokenizer = TokenizerFolder.Load(store, record);
                await using var model = store.OpenRead(record.ModelKey);
                record.Sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(model, ct));
            }
            record.VocabSize = tokenizer.VocabSize;
            record.BosId = tokenizer.BosId;
            record.EosId = tokenizer.EosId;
            record.State = ResourceState.Ready;
            record.Error = null;
            record.CompletedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(CancellationToken.None);
            progress.Report(1, $"{tokenizer.VocabSize} pieces");
        }
        catch (Exception ex) when (ex is TokenizerFormatException or SentencePieceTrainingException or ExternalToolMissingException
                                       or CorpusDownloadException or ArgumentException or IOException or InvalidOperationException)
        {
            // The job state filter marks the tokenizer Failed with the message.
            store.Delete(record.ArtifactKey);
            throw new JobFailedException($"Tokenizer '{record.Name}' failed: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Documents (one line each) spm_train learns from. llama2.c trains its vocabulary on a sample (10 of
    /// TinyStories' 50 shards, about 430k stories); spm_train holds every sentence it keeps, so a larger corpus is
    /// sampled to this many lines. A smaller corpus is read whole, as before.
    /// </summary>
    private const int VocabularySampleDocuments = 500_000;

    private static SentencePieceTrainerOptions TrainerOptions(int? documentCount) =>
        documentCount > VocabularySampleDocuments ? new() { MaxSentences = VocabularySampleDocuments } : new();

    private async Task ProduceModelAsync(TokenizerRecord record, TokenizerSpec spec, CancellationToken ct)
    {
        if (spec.Kind == "train")
        {
            var corpus = await db.Corpora.AsNoTracking().SingleOrDefaultAsync(c => c.Id == spec.CorpusId, ct)
                ?? throw new ArgumentException($"Corpus {spec.CorpusId} does not exist.");
            if (corpus.State != ResourceState.Ready) throw new InvalidOperationException($"Corpus {corpus.Id} is {corpus.State}, not Ready.");
            progress.Report(0.1, $"training a {spec.VocabSize}-piece BPE vocabulary on {corpus.DocumentCount:N0} documents");
            using var reader = CorpusFolder.Open(store, corpus);
            // The prefix makes sentencepiece write tokenizer.model and tokenizer.vocab straight into the new folder.
            var texts = reader.ReadAll().Select(d => d.Text);
            await TokenizerFolder.WriteAsync(store, record, target =>
                new SentencePieceTrainer(TrainerOptions(corpus.DocumentCount))
                    .TrainAsync(texts, spec.VocabSize, Path.ChangeExtension(target, null), ct));
        }
        else if (spec.Upload is { } upload)
        {
            // The upload goes once the model is in place: a retry after a crash in between finds one or the other.
            if (store.Exists(upload))
                await TokenizerFolder.WriteAsync(store, record,
                    target => CopyAsync(store.OpenRead(upload), target, ct));
            store.Delete(Path.GetDirectoryName(upload)!);
        }
        else if (spec.Path is { } path)
        {
            // Through the sandbox: inside the import roots, a regular file, at most Prebias:Import:MaxBytes.
            await TokenizerFolder.WriteAsync(store, record, target =>
                CopyAsync(new GuardedReadStream(sandbox.OpenRead(path), sandbox.MaxBytes, ct), target, ct));
        }
        else
        {
            var part = TokenizerFolder.DownloadPath(store, record);
            await new ResumableDownloader(httpClients.CreateClient("downloads")).DownloadAsync(new Uri(spec.Url!), part, null, ct);
            await TokenizerFolder.WriteAsync(store, record, target => CopyAsync(File.OpenRead(part), target, ct));
            File.Delete(part);
        }
    }

    private static async Task CopyAsync(Stream source, string target, CancellationToken ct)
    {
        await using var input = source;
        await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16,
            useAsync: true);
        await input.CopyToAsync(output, ct);
    }
}
