using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;

namespace Prebias.Core.SampleMetrics;

/// <summary>The start the per-sample jobs share: their dataset, which must be Ready, and its corpus.</summary>
internal static class ReadyDataset
{
    /// <param name="db">Database.</param>
    /// <param name="datasetId">The job's dataset.</param>
    /// <param name="work">What the job does, for the failure message ("metrics", "attributes").</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="JobFailedException">The dataset is not Ready: a retry would not change that.</exception>
    public static async Task<(DatasetRecord Dataset, CorpusRecord Corpus)> LoadAsync(PrebiasDbContext db,
        Guid datasetId, string work, CancellationToken ct)
    {
        var dataset = await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == datasetId, ct);
        if (dataset.State != ResourceState.Ready)
            throw new JobFailedException($"Dataset {datasetId} is {dataset.State}; {work} need a Ready dataset.");
        var corpus = await db.Corpora.AsNoTracking().SingleAsync(c => c.Id == dataset.CorpusId, ct);
        return (dataset, corpus);
    }
}
