using Microsoft.EntityFrameworkCore;
using Prebias.Core.Persistence;

namespace Prebias.Core.Export;

/// <summary>
/// Everything a run logged as scalars, under TensorBoard tags: per step <c>loss/train</c>, <c>lr</c>,
/// <c>grad_norm</c>; per checkpoint <c>loss/val</c>, <c>throughput/tokens_per_s</c>, <c>eval/val_perplexity</c>,
/// <c>output/&lt;metric&gt;</c>, <c>input_window/&lt;metric&gt;</c> and <c>bias/&lt;probe&gt;/&lt;summary&gt;</c>.
/// </summary>
public static class RunScalars
{
    public static async Task<IReadOnlyList<ScalarPoint>> LoadAsync(
        PrebiasDbContext db, Guid runId, CancellationToken ct)
    {
        var points = new List<ScalarPoint>();
        var losses = await db.Losses.AsNoTracking().Where(l => l.RunId == runId).OrderBy(l => l.Step).ToListAsync(ct);
        foreach (var l in losses)
        {
            points.Add(new("loss/train", l.Step, l.Loss));
            points.Add(new("lr", l.Step, l.LearningRate));
            points.Add(new("grad_norm", l.Step, l.GradNorm));
        }
        var checkpoints = await db.Checkpoints.AsNoTracking().Where(c => c.RunId == runId).OrderBy(c => c.Step)
            .ToListAsync(ct);
        foreach (var c in checkpoints)
        {
            if (c.ValLoss is { } val) points.Add(new("loss/val", c.Step, val, c.CreatedAt));
            if (c.TokensPerSecond is { } speed) points.Add(new("throughput/tokens_per_s", c.Step, speed, c.CreatedAt));
        }
        var evaluations = await db.Evaluations.AsNoTracking().Where(e => e.RunId == runId).OrderBy(e => e.Step)
            .ToListAsync(ct);
        foreach (var e in evaluations)
            if (e.ValPerplexity is { } ppl) points.Add(new("eval/val_perplexity", e.Step, ppl, e.CreatedAt));
        var metrics = await db.CheckpointMetrics.AsNoTracking().Where(m => m.RunId == runId)
            .OrderBy(m => m.Metric).ThenBy(m => m.Step).ToListAsync(ct);
        foreach (var m in metrics)
        {
            if (m.Output is { } output) points.Add(new($"output/{m.Metric}", m.Step, output));
            if (m.InputWindow is { } window) points.Add(new($"input_window/{m.Metric}", m.Step, window));
        }
        // Summary subjects start with '_' (_mean, _stereotype_lean, _all); per-occupation rows stay in the tables.
        var bias = await db.BiasScores.AsNoTracking().Where(b => b.RunId == runId && b.Subject.StartsWith("_"))
            .OrderBy(b => b.Probe).ThenBy(b => b.Subject).ThenBy(b => b.Step).ToListAsync(ct);
        points.AddRange(bias.Select(b =>
            new ScalarPoint($"bias/{b.Probe}/{b.Subject.TrimStart('_')}", b.Step, b.Score)));
        return points;
    }
}
