using Microsoft.EntityFrameworkCore;
using Prebias.Core.Analysis;
using Prebias.Core.Datasets;
using Prebias.Core.Domain;
using Prebias.Core.Modeling;
using Prebias.Core.Persistence;
using Prebias.Core.Runs;
using Prebias.Core.Storage;
using Prebias.Core.Training;
using static TorchSharp.torch;

namespace Prebias.Core.Experiments;

/// <summary>
/// Model-level divergence of each run from the baseline run with the same init (and, if there is one, order) seed, at every common checkpoint:
/// validation-loss gap (run − baseline), mean KL(run ‖ baseline) of next-token distributions over a fixed probe set
/// (the first <see cref="ProbeRows"/> validation samples, every real position), and linear CKA of the token embeddings.
/// </summary>
public sealed class DivergenceCalculator(PrebiasDbContext db, IArtifactStore store)
{
    public const int ProbeRows = 8;

    public async Task ReplaceAsync(ExperimentRecord experiment, IReadOnlyList<RunRecord> runs, CancellationToken ct)
    {
        var dataset = await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == experiment.DatasetId, ct);
        var probe = await ProbeTokensAsync(dataset, ct);
        var valLoss = await db.Evaluations.AsNoTracking().Where(e => runs.Select(r => r.Id).Contains(e.RunId))
            .ToDictionaryAsync(e => (e.RunId, e.Step), e => e.ValLoss, ct);
        var rows = new List<DivergenceRecord>();
        foreach (var run in runs.Where(r => !ExperimentRuns.IsBaseline(r)))
        {
            // Same init seed, same initial weights; among several order seeds, the baseline run with the same one.
            var order = RunSeeds.Of(run).Order;
            var baseline = runs.Where(r => ExperimentRuns.IsBaseline(r) && r.Seed == run.Seed)
                .OrderBy(r => RunSeeds.Of(r).Order == order ? 0 : 1).ThenBy(r => RunSeeds.Of(r).Order).First();
            var steps = await db.Checkpoints.Where(c => c.RunId == run.Id).Select(c => c.Step)
                .Intersect(db.Checkpoints.Where(c => c.RunId == baseline.Id).Select(c => c.Step)).OrderBy(s => s).ToListAsync(ct);
            foreach (var step in steps)
            {
                ct.ThrowIfCancellationRequested();
                using var a = Load(run, step);
                using var b = Load(baseline, step);
                rows.Add(new DivergenceRecord
                {
                    ExperimentId = experiment.Id, RunId = run.Id, BaselineRunId = baseline.Id, Step = step,
                    ValLossGap = valLoss.GetValueOrDefault((run.Id, step)) - valLoss.GetValueOrDefault((baseline.Id, step)),
                    KlDivergence = probe.Count > 0 ? MeanKl(a, b, probe) : null,
                    EmbeddingCka = EmbeddingCka(a, b),
                });
            }
        }
        await db.Divergences.Where(d => d.ExperimentId == experiment.Id).ExecuteDeleteAsync(ct);
        db.Divergences.AddRange(rows);
        await db.SaveChangesAsync(ct);
    }

    private Transformer Load(RunRecord run, long step) =>
        CheckpointModels.Load(store.GetPathForMappedRead(run.CheckpointKey(step)));

    private static double MeanKl(Transformer p, Transformer q, IReadOnlyList<int[]> probe)
    {
        double sum = 0;
        var count = 0;
        using var noGrad = no_grad();
        foreach (var row in probe)
        {
            using var scope = NewDisposeScope();
            var tokens = tensor(row.Select(t => (long)t).ToArray(), [1, row.Length]);
            var lp = p.Forward(tokens).Logits[0].contiguous().data<float>().ToArray(); // (T, V)
            var lq = q.Forward(tokens).Logits[0].contiguous().data<float>().ToArray();
            sum += NextTokenDivergence.MeanKlDivergence(lp, lq, p.Args.VocabSize) * row.Length;
            count += row.Length;
        }
        return sum / count;
    }

    private static double EmbeddingCka(Transformer a, Transformer b)
    {
        float[] Embeddings(Transformer m) => m.UniqueNamedParameters().First(x => x.Name == "tok_embeddings.weight").Parameter.detach().cpu().data<float>().ToArray();
        return LinearCka.Compute<float>(Embeddings(a), a.Args.Dim, Embeddings(b), b.Args.Dim, a.Args.VocabSize);
    }

    private async Task<List<int[]>> ProbeTokensAsync(DatasetRecord dataset, CancellationToken ct)
    {
        var ids = await db.Samples.AsNoTracking().Where(s => s.DatasetId == dataset.Id && s.Split == "val").OrderBy(s => s.Id)
            .Select(s => s.Id).Take(ProbeRows).ToListAsync(ct);
        using var tokens = DatasetFolder.OpenTokens(store, dataset);
        // Inputs only: the real tokens of each row, at most max_seq_len of them.
        return ids.ConvertAll(id => tokens.ReadTokens(id)[..Math.Min(tokens.GetLength(id), dataset.MaxSeqLen)]);
    }
}
