using Hangfire;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Datasets;
using Prebias.Core.Jobs;
using Prebias.Core.Lifecycle;
using Prebias.Core.Metrics;
using Prebias.Core.Modeling;
using Prebias.Core.Persistence;
using Prebias.Core.SampleMetrics;
using Prebias.Core.Storage;
using Prebias.Core.Training;

namespace Prebias.Core.Evaluation;

/// <summary>
/// The model-based sample metric: perplexity of every sample of the run's dataset under one checkpoint, written into
/// the <c>perplexity</c> column of <c>sample_metrics</c> (so a later run can be ordered by it). Reentrant: the column
/// is replaced in one transaction.
/// </summary>
[ProducesResource(ResourceKind.Run, OwnsState = false)]
public sealed class SamplePerplexityJob(PrebiasDbContext db, IArtifactStore store, JobProgress progress, SampleMetricsStore metrics,
    SampleMetricSummaryStore summaries)
{
    private const int Chunk = 512;

    [Queue(JobQueues.Cpu)]
    [AutomaticRetry(Attempts = 1, ExceptOn = [typeof(JobFailedException)])]
    public async Task RunAsync(Guid runId, long step, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, ct);
        var dataset = await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == run.DatasetId, ct);
        var directory = store.GetPathForMappedRead(run.CheckpointKey(step));
        if (CheckpointStore.ReadManifest(directory) is null) throw new JobFailedException($"Run {runId} has no checkpoint at step {step}.");
        using var model = CheckpointModels.Load(directory);

        var ids = await db.Samples.AsNoTracking().Where(s => s.DatasetId == dataset.Id).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        using var tokens = DatasetFolder.OpenTokens(store, dataset);
        var evaluator = new PerplexityEvaluator(model);
        var values = new double[ids.Count];
        for (var start = 0; start < ids.Count; start += Chunk)
        {
            ct.ThrowIfCancellationRequested();
            var chunk = ids.Skip(start).Take(Chunk).ToList();
            var losses = evaluator.Score(chunk.ConvertAll(id => (IReadOnlyList<int>)tokens.Read(id)), chunk.ConvertAll(id => tokens.GetLength(id)), ct);
            for (var i = 0; i < losses.Length; i++) values[start + i] = losses[i].Tokens > 0 ? Math.Exp(losses[i].MeanNll) : double.NaN;
            progress.Report(0.95 * (start + chunk.Count) / ids.Count, $"perplexity of {start + chunk.Count:N0} of {ids.Count:N0} samples");
        }
        await metrics.ReplaceAsync(dataset.Id, [MetricRegistry.Get("perplexity")], ids, values, ct);
        progress.Report(0.97, "summarising the dataset's metrics, perplexity included");
        await summaries.RefreshAsync(dataset.Id, ct);
        progress.Report(1, $"perplexity under checkpoint {step} for {ids.Count:N0} samples");
    }
}
