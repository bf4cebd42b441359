using Hangfire;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Corpora;
using Prebias.Core.Datasets;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Lifecycle;
using Prebias.Core.Metrics;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;
using Prebias.Core.Tokenization;

namespace Prebias.Core.SampleMetrics;

/// <summary>
/// Scores every sample of a dataset with the text metrics on all cores and streams them into <c>sample_metrics</c>
/// (binary COPY, one transaction per run), then stores the dataset's metric summary and histograms
/// (<see cref="SampleMetricSummaryStore"/>). Reentrant: a retry or a repeat replaces the same columns and summary.
/// </summary>
[ProducesResource(ResourceKind.Dataset, OwnsState = false)]
public sealed class SampleMetricsJob(PrebiasDbContext db, IArtifactStore store, JobProgress progress, TokenizerCache tokenizers,
    SampleMetricsStore metricsStore, SampleMetricSummaryStore summaries)
{
    /// <summary>Texts scored per parallel batch: large enough to keep every core busy, small enough for steady progress and memory.</summary>
    private const int BatchSize = 8192;

    [Queue(JobQueues.Cpu)]
    [AutomaticRetry(Attempts = 1, ExceptOn = [typeof(JobFailedException)])]
    public async Task RunAsync(Guid datasetId, string[]? metrics, CancellationToken ct)
    {
        var (dataset, corpus) = await ReadyDataset.LoadAsync(db, datasetId, "metrics", ct);
        var tokenizer = tokenizers.Get(await db.Tokenizers.AsNoTracking().SingleAsync(t => t.Id == dataset.TokenizerId, ct));
        var definitions = MetricRegistry.Resolve(metrics, MetricKind.Text);
        // oov_rate and ngram_perplexity score against the train split's 3-gram model, built on the first request only.
        var needsReference = definitions.Any(d => d.NeedsReference);
        if (needsReference) progress.Report(0, "loading or building the train split's 3-gram reference model");
        var reference = needsReference ? await DatasetReferenceModel.GetOrBuildAsync(db, store, dataset, ct) : null;
        var scorer = new TextMetricsScorer(metrics: definitions.Select(d => d.Name), reference: reference);

        var samples = await db.Samples.AsNoTracking().Where(s => s.DatasetId == datasetId).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.DocumentIndex, s.TokenCount, s.Truncated }).ToListAsync(ct);
        using var reader = CorpusFolder.Open(store, corpus);

        // Scored chunk by chunk and streamed into one COPY, so memory stays one chunk for any dataset size.
        async IAsyncEnumerable<MetricRows> Chunks()
        {
            for (var start = 0; start < samples.Count; start += BatchSize)
            {
                var batch = samples.Skip(start).Take(BatchSize).ToList();
                var texts = batch.Select(s => reader.Get(s.DocumentIndex).Text).ToList();
                // compression_ratio is bytes per tokenizer token: the stored count less BOS and EOS, or the full count
                // when the sample was truncated to maxSeqLen.
                var tokenCounts = batch.Select((s, i) => s.Truncated ? tokenizer.Encode(texts[i]).Count : SampleTokens.TextTokenCount(s.TokenCount, tokenizer)).ToList();
                var values = scorer.ScoreBatch(texts, tokenCounts, null, ct);
                progress.Report(0.95 * (start + batch.Count) / samples.Count, $"scored {start + batch.Count:N0} of {samples.Count:N0} samples");
                yield return new MetricRows(batch.ConvertAll(s => s.Id), values);
                await Task.Yield();
            }
        }

        await metricsStore.ReplaceAsync(datasetId, scorer.Columns, Chunks(), ct);
        progress.Report(0.96, "summarising the metrics (stored for the summary and histogram routes)");
        await summaries.RefreshAsync(datasetId, ct);
        progress.Report(1, $"{samples.Count:N0} samples scored with {scorer.ColumnCount} metrics");
    }
}
