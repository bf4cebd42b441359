using Microsoft.EntityFrameworkCore;
using Prebias.Core.Datasets;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;
using Prebias.Core.Validation;

namespace Prebias.Core.Datasets;

/// <summary>
/// Starts pretokenizing a corpus (<c>POST /api/datasets</c>): a pipeline step that waits for the tokenizer's job
/// (which, when trained, waits for the corpus's) or the corpus's, whichever is still running.
/// </summary>
public sealed class DatasetLauncher(PrebiasDbContext db, JobScheduler scheduler)
{
    public async Task<LaunchResult> LaunchAsync(DatasetSpec spec, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (spec.MaxSeqLen is < RequestLimits.MinDatasetSeqLen or > RequestLimits.MaxSeqLen)
            errors["maxSeqLen"] = [$"maxSeqLen must be between {RequestLimits.MinDatasetSeqLen} and {RequestLimits.MaxSeqLen}."];
        if (spec.ValFraction is < 0 or >= 1 || double.IsNaN(spec.ValFraction))
            errors["valFraction"] = ["valFraction must be in [0, 1)."];
        var corpus = await db.Corpora.AsNoTracking().SingleOrDefaultAsync(c => c.Id == spec.CorpusId, ct);
        if (corpus is null) errors["corpusId"] = [$"No corpus '{spec.CorpusId}'."];
        else if (corpus.State == ResourceState.Failed)
            errors["corpusId"] = [$"Corpus {corpus.Id} failed: {corpus.Error}"];
        var tokenizer = await db.Tokenizers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == spec.TokenizerId, ct);
        if (tokenizer is null) errors["tokenizerId"] = [$"No tokenizer '{spec.TokenizerId}'."];
        else if (tokenizer.State == ResourceState.Failed)
            errors["tokenizerId"] = [$"Tokenizer {tokenizer.Id} failed: {tokenizer.Error}"];
        if (errors.Count > 0) return new LaunchResult.Invalid(errors);

        var dataset = new DatasetRecord
        {
            Id = Guid.NewGuid(), CorpusId = spec.CorpusId, TokenizerId = spec.TokenizerId, MaxSeqLen = spec.MaxSeqLen,
            ValFraction = spec.ValFraction, Seed = spec.Seed, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Datasets.Add(dataset);
        await db.SaveChangesAsync(ct);
        var parent = tokenizer!.State == ResourceState.Pending ? tokenizer.JobId : corpus!.State == ResourceState.Pending ? corpus.JobId : null;
        var location = $"/api/datasets/{dataset.Id}";
        dataset.JobId = await scheduler.EnqueueAfterAsync<DatasetBuildJob>(parent, JobQueues.Cpu, j => j.RunAsync(dataset.Id, CancellationToken.None),
            location, ct);
        await db.SaveChangesAsync(ct);
        return new LaunchResult.Accepted(dataset.Id.ToString(), dataset.JobId, location);
    }
}
