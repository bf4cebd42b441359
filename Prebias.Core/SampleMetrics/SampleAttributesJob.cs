using Hangfire;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Corpora;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Lifecycle;
using Prebias.Core.Metrics;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;

namespace Prebias.Core.SampleMetrics;

/// <summary>
/// Copies the numeric and boolean document attributes of a dataset's corpus (TinyStories-V2 features, a synthetic
/// corpus's dials, Parquet columns) into <c>sample_attributes</c>, where orderings, filters, summaries and
/// saturation tables read them as <c>attr.&lt;name&gt;</c>, then stores the dataset's metric summary again.
/// Reentrant: each run replaces the dataset's values and summary.
/// </summary>
[ProducesResource(ResourceKind.Dataset, OwnsState = false)]
public sealed class SampleAttributesJob(PrebiasDbContext db, IArtifactStore store, JobProgress progress,
    SampleAttributeStore attributes, SampleMetricSummaryStore summaries)
{
    [Queue(JobQueues.Cpu)]
    [AutomaticRetry(Attempts = 1, ExceptOn = [typeof(JobFailedException)])]
    public async Task RunAsync(Guid datasetId, string[]? only, CancellationToken ct)
    {
        var (_, corpus) = await ReadyDataset.LoadAsync(db, datasetId, "attributes", ct);
        var samples = await db.Samples.AsNoTracking().Where(s => s.DatasetId == datasetId).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.DocumentIndex }).ToListAsync(ct);
        var wanted = only is { Length: > 0 } ? only.Select(n => AttributeMetric.NameOf(n)).ToHashSet() : null;
        using var reader = CorpusFolder.Open(store, corpus);

        var copied = new HashSet<string>();
        IEnumerable<(string, int, double)> Rows()
        {
            for (var i = 0; i < samples.Count; i++)
            {
                if (i % 10_000 == 0)
                    progress.Report(0.95 * i / samples.Count, $"read attributes of {i:N0} of {samples.Count:N0} samples");
                if (reader.Get(samples[i].DocumentIndex).Attributes is not { } found) continue;
                var seen = new HashSet<string>();
                foreach (var (key, text) in found)
                {
                    if (AttributeMetric.NameOf(key) is not { } name || wanted?.Contains(name) == false) continue;
                    // Keys differing only in case share a metric name: the first (ordinal key order) wins.
                    if (AttributeMetric.ValueOf(text) is not { } value || !seen.Add(name)) continue;
                    copied.Add(name);
                    yield return (name[AttributeMetric.Prefix.Length..], samples[i].Id, value);
                }
            }
        }

        await attributes.ReplaceAsync(datasetId, Rows(), ct);
        // The summary lists attr.* next to the metric columns, so it is stored again.
        progress.Report(0.96, "summarising the metrics and attributes");
        await summaries.RefreshAsync(datasetId, ct);
        progress.Report(1, copied.Count == 0
            ? "the corpus has no numeric or boolean attributes"
            : $"{samples.Count:N0} samples, attributes {string.Join(", ", copied.Order(StringComparer.Ordinal))}");
    }
}
