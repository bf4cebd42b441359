using Hangfire;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Corpora;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Lifecycle;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;
using Prebias.Core.Tokenization;

namespace Prebias.Core.Datasets;

/// <summary>
/// Pretokenizes a corpus on all cores into a token store (one row per document: BOS + tokens + EOS, truncated, padded)
/// and the <c>samples</c> table. Reentrant: the store is written atomically and the samples replaced in one
/// transaction, so a retry redoes the work without duplicates.
/// </summary>
[ProducesResource(ResourceKind.Dataset)]
public sealed class DatasetBuildJob(PrebiasDbContext db, IArtifactStore store, JobProgress progress, TokenizerCache tokenizers, SampleTable samples)
{
    [Queue(JobQueues.Cpu)]
    [AutomaticRetry(Attempts = 1, ExceptOn = [typeof(JobFailedException)])]
    public async Task RunAsync(Guid datasetId, CancellationToken ct)
    {
        var dataset = await db.Datasets.SingleAsync(d => d.Id == datasetId, ct);
        if (dataset.State == ResourceState.Ready) return;
        var corpus = await db.Corpora.AsNoTracking().SingleAsync(c => c.Id == dataset.CorpusId, ct);
        var tokenizerRecord = await db.Tokenizers.AsNoTracking().SingleAsync(t => t.Id == dataset.TokenizerId, ct);
        try
        {
            if (corpus.State != ResourceState.Ready || tokenizerRecord.State != ResourceState.Ready)
                throw new InvalidOperationException($"Corpus is {corpus.State} and tokenizer is {tokenizerRecord.State}; both must be Ready.");
            var tokenizer = tokenizers.Get(tokenizerRecord);
            using var reader = CorpusFolder.Open(store, corpus);

            var rows = new List<PretokenizedSample>(reader.Count);
            var options = new PretokenizeOptions { MaxSeqLen = dataset.MaxSeqLen, ValFraction = dataset.ValFraction, Seed = (ulong)dataset.Seed };
            var report = new InlineProgress<PretokenizeProgress>(p => progress.Report(0.9 * p.DocumentsDone / Math.Max(1, reader.Count),
                $"tokenized {p.DocumentsDone:N0} of {reader.Count:N0} documents ({p.TokensDone:N0} tokens)"));
            var (result, sha256) = await DatasetFolder.WriteTokensAsync(store, dataset, async storePath =>
            {
                var result = new Pretokenizer(tokenizer, options)
                    .Run(reader.ReadAll().Select(d => d.Text), storePath, rows.AddRange, report, reader.Count, ct);
                return (result, await Hashing.Sha256FileAsync(storePath, ct));
            });

            progress.Report(0.92, $"writing {rows.Count:N0} samples");
            await samples.ReplaceAsync(dataset.Id, rows, ct);

            dataset.SampleCount = (int)result.SampleCount;
            dataset.TrainCount = (int)result.TrainCount;
            dataset.ValCount = (int)result.ValCount;
            dataset.TruncatedCount = (int)result.TruncatedCount;
            dataset.TokenCount = result.TotalTokens;
            dataset.PadId = result.Header.PadId;
            dataset.TokenStoreSha256 = sha256;
            dataset.State = ResourceState.Ready;
            dataset.Error = null;
            dataset.CompletedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(CancellationToken.None);
            progress.Report(1, $"{result.SampleCount:N0} samples ({result.TrainCount:N0} train, {result.ValCount:N0} val), {result.TotalTokens:N0} tokens");
        }
        // Bad input is final (not retried); the job state filter marks the dataset Failed with the message.
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException or ArgumentException)
        {
            throw new JobFailedException($"Dataset {dataset.Id} failed: {ex.Message}", ex);
        }
    }
}
