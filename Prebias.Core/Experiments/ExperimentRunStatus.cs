using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;

namespace Prebias.Core.Experiments;

/// <summary>
/// A run of an experiment with how many checkpoints it has written and how many of them are evaluated.
/// </summary>
public sealed record ExperimentRunStatus(RunRecord Run, int Checkpoints, int EvaluatedCheckpoints)
{
    /// <summary>The experiment's runs by name then seed, with their checkpoint counts (two grouped queries).</summary>
    public static async Task<IReadOnlyList<ExperimentRunStatus>> OfAsync(PrebiasDbContext db, Guid experimentId, CancellationToken ct)
    {
        var runs = await db.Runs.AsNoTracking().Where(r => r.ExperimentId == experimentId).OrderBy(r => r.Name).ThenBy(r => r.Seed).ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToList();
        var evaluated = await db.Evaluations.Where(x => ids.Contains(x.RunId)).GroupBy(x => x.RunId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var checkpoints = await db.Checkpoints.Where(x => ids.Contains(x.RunId)).GroupBy(x => x.RunId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return runs.ConvertAll(r => new ExperimentRunStatus(r, checkpoints.GetValueOrDefault(r.Id), evaluated.GetValueOrDefault(r.Id)));
    }
}
