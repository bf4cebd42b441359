using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;
using Prebias.Core.Training;

namespace Prebias.Core.Branches;

/// <summary>The parts of training that differ for a branch: its first checkpoint is the parent's, copied exactly.</summary>
public static class Branching
{
    /// <summary>The transform stored with a branch run; null for a run that is not a branch.</summary>
    public static BranchTransform? TransformOf(RunRecord run) =>
        run.BranchTransform is { } json ? JsonSerializer.Deserialize<BranchTransform>(json, JsonDefaults.Options) : null;

    public static bool IsGenderSwap(RunRecord run) => TransformOf(run) is SwapGenderTransform;

    public static bool IsFineTune(RunRecord run) => TransformOf(run) is FinetuneTransform;

    /// <summary>
    /// The parent's checkpoint a fine-tune starts from, or null for any other run. A fine-tune is a new run (its steps
    /// count from 0 on another dataset), so the checkpoint is loaded, never copied in as one of the branch's own.
    /// </summary>
    public static string? FineTuneStart(RunRecord run, PrebiasDbContext db, IArtifactStore store)
    {
        if (!IsFineTune(run) || run.ParentRunId is not { } parentId || run.BranchFromStep is not { } step) return null;
        var parent = db.Runs.AsNoTracking().Single(r => r.Id == parentId);
        return store.GetPathForMappedRead(parent.CheckpointKey(step));
    }

    /// <summary>
    /// Copies the parent's checkpoint at the branch step (weights, optimiser and RNG state, attention probe) into the
    /// branch's folder, with its row, so training resumes from exactly that state. Reentrant: a copy is made only
    /// when the branch has no checkpoint yet, through a temporary folder renamed into place.
    /// </summary>
    public static void SeedFromParent(RunRecord run, PrebiasDbContext db, IArtifactStore store)
    {
        if (run.ParentRunId is not { } parentId || run.BranchFromStep is not { } step || IsFineTune(run)) return;
        if (CheckpointStore.ReadManifest(store.GetPathForMappedRead(run.CheckpointKey(step))) is null)
        {
            var parent = db.Runs.AsNoTracking().Single(r => r.Id == parentId);
            store.CopyFolder(parent.CheckpointKey(step), run.CheckpointKey(step));
        }
        if (!db.Checkpoints.Any(c => c.RunId == run.Id && c.Step == step))
        {
            var row = db.Checkpoints.AsNoTracking().Single(c => c.RunId == parentId && c.Step == step);
            row.RunId = run.Id;
            db.Checkpoints.Add(row);
            db.SaveChanges();
            db.Entry(row).State = EntityState.Detached;
        }
    }
}
