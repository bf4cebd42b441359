using Microsoft.EntityFrameworkCore;
using Prebias.Core.Branches;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;
using Prebias.Core.SampleMetrics;

namespace Prebias.Core.Experiments;

/// <summary>
/// Whether a fine-tune can run on its dataset: it exists and is ready, it was tokenized with the tokenizer the run
/// was trained with (the embedding rows mean the same tokens), its rows fit the model's context, and its ordering
/// has the metric it needs. Errors name <c>&lt;field&gt;.datasetId</c> and <c>&lt;field&gt;.ordering</c>.
/// </summary>
public static class FineTuneDatasetCheck
{
    public static async Task CheckAsync(PrebiasDbContext db, SampleMetricsStore metrics, FinetuneTransform finetune,
        Guid pretrainDatasetId, int? modelMaxSeqLen, string field, Dictionary<string, string[]> errors,
        CancellationToken ct)
    {
        var key = $"{field}.datasetId";
        var dataset = await db.Datasets.AsNoTracking().SingleOrDefaultAsync(d => d.Id == finetune.DatasetId, ct);
        if (dataset is null)
        {
            errors[key] = [$"{key}: no dataset '{finetune.DatasetId}'."];
            return;
        }
        if (dataset.State != ResourceState.Ready)
        {
            errors[key] = [$"{key}: dataset {dataset.Id} is {dataset.State}; fine-tune on a Ready dataset."];
            return;
        }
        var pretrain = await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == pretrainDatasetId, ct);
        var context = modelMaxSeqLen ?? pretrain.MaxSeqLen;
        if (dataset.TokenizerId != pretrain.TokenizerId)
            errors[key] = [$"{key}: dataset {dataset.Id} uses tokenizer {dataset.TokenizerId}, the run was trained "
                + $"with tokenizer {pretrain.TokenizerId}: a fine-tune needs the same tokenizer."];
        else if (dataset.MaxSeqLen > context)
            errors[key] = [$"{key}: dataset {dataset.Id} has rows of {dataset.MaxSeqLen} tokens, longer than the "
                + $"model's maxSeqLen {context}."];

        var ordering = finetune.ResolvedOrdering();
        if (ordering.Problems() is { Count: > 0 } problems) errors[$"{field}.ordering"] = [.. problems];
        else if (ordering.ResolveMetric() is { } metric
            && !(await metrics.ComputedMetricsAsync(dataset.Id, ct)).Contains(metric.Name))
            errors[$"{field}.ordering.metric"] =
                [$"Metric '{metric.Name}' has not been computed for dataset {dataset.Id}."];
    }
}
