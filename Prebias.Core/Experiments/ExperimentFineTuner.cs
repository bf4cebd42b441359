using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Branches;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;
using Prebias.Core.Runs;

namespace Prebias.Core.Experiments;

/// <summary>
/// Fine-tunes every run of a durability experiment once, the same way (its <c>finetune</c>): a <c>finetune</c> branch
/// from each run's last checkpoint, trained, then evaluated like the other runs.
/// </summary>
/// <remarks>
/// The experiment monitor calls it and Hangfire delivers the monitor at least once, so two deliveries may overlap:
/// each fine-tune's id is derived from its parent's, so a second delivery finds the branch (or fails to insert it a
/// second time) instead of adding another, and a branch saved by a delivery that died before enqueuing its training
/// (no job yet) gets its training from the next one.
/// </remarks>
public sealed class ExperimentFineTuner(PrebiasDbContext db, BranchLauncher branches, RunLauncher runs,
    ExperimentLauncher experiments)
{
    /// <summary>The fine-tune branch's id for a parent run: the same on every delivery.</summary>
    public static Guid BranchId(Guid parentId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{FinetuneTransform.KindName}:{parentId:N}")).AsSpan(0, 16));

    /// <summary>Starts the fine-tunes not started yet; answers how many it started.</summary>
    public async Task<int> StartMissingAsync(IReadOnlyList<RunRecord> experimentRuns, FinetuneTransform finetune,
        CancellationToken ct)
    {
        var started = 0;
        var parents = experimentRuns.Where(r => r.ParentRunId is null).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id);
        foreach (var parent in parents)
        {
            ct.ThrowIfCancellationRequested();
            var id = BranchId(parent.Id);
            var branch = await db.Runs.SingleOrDefaultAsync(r => r.Id == id, ct);
            if (branch is { JobId: not null }) continue;
            if (branch is null)
            {
                var last = await db.Checkpoints.Where(c => c.RunId == parent.Id).MaxAsync(c => (long?)c.Step, ct)
                    ?? throw new JobFailedException($"Run {parent.Name} (seed {parent.Seed}) has no checkpoint.");
                var spec = new BranchSpec { FromStep = last, Transform = finetune };
                var (prepared, refused) = await branches.PrepareAsync(parent, spec, id, ct);
                if (refused is not null)
                    throw new JobFailedException(
                        $"Fine-tuning run {parent.Name} (seed {parent.Seed}) was refused: {Describe(refused)}");
                db.Runs.Add(prepared!);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // An overlapping delivery inserted it first: it enqueues the training.
                    db.Entry(prepared!).State = EntityState.Detached;
                    continue;
                }
                branch = prepared!;
            }
            var trainingJob = await runs.EnqueueTrainingAsync(branch, parentJobId: null, ct);
            await experiments.EnqueueEvaluationAsync(branch.Id, trainingJob, ct);
            await db.SaveChangesAsync(ct);
            started++;
        }
        return started;
    }

    private static string Describe(LaunchResult refused) => refused switch
    {
        LaunchResult.Invalid invalid =>
            string.Join("; ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        LaunchResult.Conflict conflict => conflict.Detail,
        LaunchResult.Missing missing => missing.Detail,
        _ => refused.ToString(),
    };
}
