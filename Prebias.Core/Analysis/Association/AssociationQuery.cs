using Microsoft.EntityFrameworkCore;
using Prebias.Core.Corpora;
using Prebias.Core.Ordering;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;
using Prebias.Core.Text;

namespace Prebias.Core.Analysis.Association;

/// <summary>
/// PMI between two word sets on a run's texts: a checkpoint's stored generations, and per evaluated checkpoint the
/// training samples of its ledger window (seen after the previous checkpoint, up to this one; the same window as
/// the input-window metrics). The permutation null is seeded with the run's seed, so a table reads the same twice.
/// </summary>
public sealed class AssociationQuery(PrebiasDbContext db, IArtifactStore store)
{
    /// <summary>Shuffles for the permutation null: p-values resolve to 1/201, enough to tell 0.05 apart.</summary>
    public const int Permutations = 200;

    public async Task<IReadOnlyList<AssociationRow>> CheckpointAsync(Guid runId, long step, string a, string b,
        IReadOnlyDictionary<string, IReadOnlySet<string>> sets, CancellationToken ct)
    {
        var seed = await db.Runs.Where(r => r.Id == runId).Select(r => r.Seed).SingleAsync(ct);
        return [await GenerationsRowAsync(runId, step, a, b, sets, seed, ct)];
    }

    public async Task<IReadOnlyList<AssociationRow>> RunAsync(Guid runId, string a, string b,
        IReadOnlyDictionary<string, IReadOnlySet<string>> sets, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, ct);
        var checkpoints = await db.Checkpoints.AsNoTracking().Where(c => c.RunId == runId).OrderBy(c => c.Step)
            .Select(c => new { c.Step, c.SamplesSeen }).ToListAsync(ct);
        var evaluated = (await db.Evaluations.Where(e => e.RunId == runId).Select(e => e.Step).ToListAsync(ct))
            .ToHashSet();
        var rows = new List<AssociationRow>();
        if (evaluated.Count == 0 || !store.Exists(run.OrderKey)) return rows;

        var dataset = await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == run.DatasetId, ct);
        var corpus = await db.Corpora.AsNoTracking().SingleAsync(c => c.Id == dataset.CorpusId, ct);
        var documents = await db.Samples.AsNoTracking().Where(s => s.DatasetId == dataset.Id)
            .ToDictionaryAsync(s => s.Id, s => s.DocumentIndex, ct);
        var ids = OrderFile.Load(store.GetPath(run.OrderKey)).SampleIds;
        using var reader = CorpusReader.Open(store.GetPath(corpus.ArtifactKey));
        long previous = 0;
        foreach (var checkpoint in checkpoints)
        {
            var end = (int)Math.Min(checkpoint.SamplesSeen, ids.Length);
            var start = (int)Math.Clamp(previous, 0, end);
            previous = checkpoint.SamplesSeen;
            if (!evaluated.Contains(checkpoint.Step)) continue;
            // A sample seen in two epochs counts as two documents, as in the input-window means.
            var texts = ids[start..end].Select(id => reader.Get(documents[id]).Text).ToList();
            rows.Add(Row(checkpoint.Step, "data", texts, a, b, sets, run.Seed));
            rows.Add(await GenerationsRowAsync(runId, checkpoint.Step, a, b, sets, run.Seed, ct));
        }
        return rows;
    }

    private async Task<AssociationRow> GenerationsRowAsync(Guid runId, long step, string a, string b,
        IReadOnlyDictionary<string, IReadOnlySet<string>> sets, long seed, CancellationToken ct)
    {
        var texts = await db.Generations.AsNoTracking().Where(g => g.RunId == runId && g.Step == step)
            .OrderBy(g => g.Index).Select(g => g.Text).ToListAsync(ct);
        return Row(step, "generations", texts, a, b, sets, seed);
    }

    /// <summary>The PMI cell of one pair over some texts, each split into lower-cased words.</summary>
    public static AssociationRow Row(long step, string source, IReadOnlyList<string> texts, string a, string b,
        IReadOnlyDictionary<string, IReadOnlySet<string>> sets, long seed)
    {
        var words = texts.Select(t => (IReadOnlyList<string>)WordTokenizer.Words(t.ToLowerInvariant())).ToList();
        var pair = new Dictionary<string, IReadOnlySet<string>> { [a] = sets[a], [b] = sets[b] };
        var cell = PmiTable.Compute(words, pair, [(a, b)], permutations: Permutations, seed: seed)[0];
        static double? Finite(double v) => double.IsFinite(v) ? v : null;
        return new AssociationRow(step, source, a, b, cell.CountA, cell.CountB, cell.CountBoth, cell.Units,
            Finite(cell.Pmi), Finite(cell.NullMean), Finite(cell.PValue));
    }
}
