using Microsoft.EntityFrameworkCore;
using Prebias.Core.Analysis;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;

namespace Prebias.Core.Experiments;

/// <summary>
/// The end-point comparison as it stood at an earlier checkpoint: the same tests, Holm adjustment and saturation
/// search as <see cref="ExperimentComparison"/>, on the checkpoints up to <c>step</c> only, so a reader can see when
/// a verdict appeared or went away.
/// </summary>
public static class ExperimentVerdictsAtStep
{
    public static async Task<IReadOnlyList<EndPointComparison>> ComputeAsync(PrebiasDbContext db,
        ExperimentRecord experiment, long step, double tolerance, OrderEffectOptions options, CancellationToken ct)
    {
        // Steps of the pretraining: a fine-tune's steps count from 0 and are reported by the comparison.
        var runs = ExperimentPhases.PretrainRuns(
            await db.Runs.AsNoTracking().Where(r => r.ExperimentId == experiment.Id).ToListAsync(ct));
        var ids = runs.Select(r => r.Id).ToList();
        var outputs = await db.CheckpointMetrics.AsNoTracking()
            .Where(m => ids.Contains(m.RunId) && m.Output != null && m.Step <= step).ToListAsync(ct);
        var curves = (await ExperimentComparison.ComputeAsync(db, experiment, tolerance, options, ct)).Curves
            .Where(c => c.Phase == ExperimentPhases.Pretrain && c.Step <= step).ToList();
        return ExperimentComparison.EndPoints(runs, outputs, curves, tolerance, options);
    }
}
