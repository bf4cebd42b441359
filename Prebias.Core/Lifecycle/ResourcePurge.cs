using Microsoft.EntityFrameworkCore;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;

namespace Prebias.Core.Lifecycle;

/// <summary>Removes a finished resource's rows (children by cascade) and its artifacts; says what depends on it.</summary>
public sealed class ResourcePurge(PrebiasDbContext db, IArtifactStore store)
{
    /// <summary>What still uses the resource (null when nothing does): later steps built from it.</summary>
    public async Task<string?> DependentsAsync(string kind, Guid id, CancellationToken ct)
    {
        var found = new List<string>();
        switch (kind)
        {
            case ResourceKind.Corpus:
                found.AddRange((await db.Datasets.Where(d => d.CorpusId == id).Select(d => d.Id).ToListAsync(ct)).Select(d => $"dataset {d}"));
                found.AddRange((await db.Tokenizers.Where(t => t.CorpusId == id).Select(t => t.Id).ToListAsync(ct)).Select(t => $"tokenizer {t}"));
                break;
            case ResourceKind.Tokenizer:
                found.AddRange((await db.Datasets.Where(d => d.TokenizerId == id).Select(d => d.Id).ToListAsync(ct)).Select(d => $"dataset {d}"));
                break;
            case ResourceKind.Dataset:
                found.AddRange((await db.Runs.Where(r => r.DatasetId == id).Select(r => r.Id).ToListAsync(ct)).Select(r => $"run {r}"));
                found.AddRange((await db.Experiments.Where(e => e.DatasetId == id).Select(e => e.Id).ToListAsync(ct)).Select(e => $"experiment {e}"));
                break;
            case ResourceKind.Run:
                var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id, ct);
                if (run.ExperimentId is { } experiment) found.Add($"it belongs to experiment {experiment} (purge the experiment)");
                found.AddRange((await db.Runs.Where(r => r.ParentRunId == id).Select(r => r.Id).ToListAsync(ct)).Select(r => $"branch {r}"));
                break;
            case ResourceKind.Experiment:
                found.AddRange((await db.Runs.Where(r => r.ExperimentId != id && db.Runs.Any(p => p.Id == r.ParentRunId && p.ExperimentId == id))
                    .Select(r => r.Id).ToListAsync(ct)).Select(r => $"branch {r} of one of its runs"));
                break;
        }
        return found.Count == 0 ? null : (found.Count > 5 ? string.Join(", ", found.Take(5)) + $" and {found.Count - 5} more" : string.Join(", ", found)) + " depend(s) on it";
    }

    /// <summary>Deletes the rows in one transaction, then the artifacts (a crash between leaves only unreferenced files).</summary>
    public async Task RemoveAsync(string kind, Guid id, IReadOnlyList<Guid> experimentRuns, CancellationToken ct)
    {
        var artifacts = new List<string>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            switch (kind)
            {
                case ResourceKind.Corpus:
                    await db.Corpora.Where(c => c.Id == id).ExecuteDeleteAsync(ct);
                    artifacts.AddRange([$"corpora/{id:N}", $"corpora/{id:N}.download", $"corpora/{id:N}.staging"]);
                    break;
                case ResourceKind.Tokenizer:
                    await db.Tokenizers.Where(t => t.Id == id).ExecuteDeleteAsync(ct);
                    artifacts.Add($"tokenizers/{id:N}");
                    break;
                case ResourceKind.Dataset:
                    await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM sample_metrics WHERE dataset_id = {id}", ct);
                    await db.Datasets.Where(d => d.Id == id).ExecuteDeleteAsync(ct);
                    artifacts.Add($"datasets/{id:N}");
                    break;
                case ResourceKind.Run:
                    await RemoveRunsAsync([id], ct);
                    artifacts.Add($"runs/{id:N}");
                    break;
                case ResourceKind.Experiment:
                    // Divergences go with the experiment (cascade); branches point at parents in the same set.
                    await db.Runs.Where(r => experimentRuns.Contains(r.Id)).ExecuteUpdateAsync(r => r.SetProperty(x => x.ParentRunId, (Guid?)null), ct);
                    await RemoveRunsAsync(experimentRuns, ct);
                    await db.Experiments.Where(e => e.Id == id).ExecuteDeleteAsync(ct);
                    artifacts.AddRange(experimentRuns.Select(r => $"runs/{r:N}"));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown resource kind.");
            }
            await tx.CommitAsync(ct);
        }
        foreach (var key in artifacts) store.Delete(key);
    }

    /// <summary>Checkpoints, losses, evaluations and their results go by cascade; divergences name runs without a key.</summary>
    private async Task RemoveRunsAsync(IReadOnlyList<Guid> runs, CancellationToken ct)
    {
        await db.Divergences.Where(d => runs.Contains(d.RunId) || runs.Contains(d.BaselineRunId)).ExecuteDeleteAsync(ct);
        await db.Runs.Where(r => runs.Contains(r.Id)).ExecuteDeleteAsync(ct);
    }
}
