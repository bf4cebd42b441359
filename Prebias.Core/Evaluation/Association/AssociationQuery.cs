using Microsoft.EntityFrameworkCore;
using Prebias.Core.Corpora;
using Prebias.Core.Ordering;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;
using Prebias.Core.Text;

namespace Prebias.Core.Evaluation.Association;

/// <summary>
/// PMI between two word sets on a run's texts: a checkpoint's stored generations, and per evaluated checkpoint the
/// training samples of its ledger window (seen after the previous checkpoint, up to this one; the same window as
/// the input-window metrics). The permutation null is seeded with the run's seed, so a table reads the same twice.
/// </summary>
public sealed class AssociationQuery(PrebiasDbContext db, IArtifactStore store)
{
    /// <summary>Shuffles for the permutation null: p-values resolve to 1/201, enough to tell 0.05 apart.</summary>
    public const int Permutations = 200;

    public async Task<IReadOnlyList<AssociationRow>> CheckpointAsync(Guid runId, long step,
        IReadOnlyList<(string A, string B)> pairs, IReadOnlyDictionary<string, IReadOnlySet<string>> sets,
        CancellationToken ct)
    {
        var seed = await db.Runs.Where(r => r.Id == runId).Select(r => r.Seed).SingleAsync(ct);
        return await GenerationsRowsAsync(runId, step, pairs, sets, seed, ct);
    }

    public async Task<IReadOnlyList<AssociationRow>> RunAsync(Guid runId, IReadOnlyList<(string A, string B)> pairs,
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
        var ids = store.LoadOrder(run.OrderKey).SampleIds;
        using var reader = CorpusFolder.Open(store, corpus);
        long previous = 0;
        foreach (var checkpoint in checkpoints)
        {
            var end = (int)Math.Min(checkpoint.SamplesSeen, ids.Length);
            var start = (int)Math.Clamp(previous, 0, end);
            previous = checkpoint.SamplesSeen;
            if (!evaluated.Contains(checkpoint.Step)) continue;
            // A sample seen in two epochs counts as two documents, as in the input-window means.
            var texts = ids[start..end].Select(id => reader.Get(documents[id]).Text).ToList();
            rows.AddRange(Rows(checkpoint.Step, "data", texts, pairs, sets, run.Seed));
            rows.AddRange(await GenerationsRowsAsync(runId, checkpoint.Step, pairs, sets, run.Seed, ct));
        }
        return rows;
    }

    private async Task<IReadOnlyList<AssociationRow>> GenerationsRowsAsync(Guid runId, long step,
        IReadOnlyList<(string A, string B)> pairs, IReadOnlyDictionary<string, IReadOnlySet<string>> sets, long seed,
        CancellationToken ct)
    {
        var texts = await db.Generations.AsNoTracking().Where(g => g.RunId == runId && g.Step == step)
            .OrderBy(g => g.Index).Select(g => new { g.Prompt, g.Text }).ToListAsync(ct);
        // Scored on the continuation only, as the output metrics are: the prompts ("a little girl", "The doctor")
        // would otherwise put set words into every text the model wrote.
        var continuations = texts.ConvertAll(g =>
            g.Text.StartsWith(g.Prompt, StringComparison.Ordinal) ? g.Text[g.Prompt.Length..] : g.Text);
        return Rows(step, "generations", continuations, pairs, sets, seed);
    }

    /// <summary>The PMI cells of the pairs over some texts, each split into lower-cased words.</summary>
    public static IReadOnlyList<AssociationRow> Rows(long step, string source, IReadOnlyList<string> texts,
        IReadOnlyList<(string A, string B)> pairs, IReadOnlyDictionary<string, IReadOnlySet<string>> sets, long seed)
    {
        var words = texts.Select(t => (IReadOnlyList<string>)WordTokenizer.Words(t.ToLowerInvariant())).ToList();
        // Only the sets in use: each set costs a pass over every text.
        var used = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct().ToDictionary(n => n, n => sets[n]);
        var cells = PmiTable.Compute(words, used, pairs, permutations: Permutations, seed: seed);
        static double? Finite(double v) => double.IsFinite(v) ? v : null;
        return [.. cells.Select(c => new AssociationRow(step, source, c.SetA, c.SetB, c.CountA, c.CountB, c.CountBoth,
            c.Units, Finite(c.Pmi), Finite(c.NullMean), Finite(c.PValue)))];
    }
}
