using Prebias.Core.Branches;
using Prebias.Core.Domain;

namespace Prebias.Core.Experiments;

/// <summary>
/// The two phases an experiment compares: <c>pretrain</c> (its runs and their branches, fine-tunes aside) and, once
/// it has them, <c>finetune</c> (the fine-tune of each run that the experiment made). A fine-tune stands in for its
/// parent, under the parent's name, init and order seeds and ordering, so the same analysis compares the orderings
/// after fine-tuning exactly as it did before: same pairs, same baseline, same statistics.
/// </summary>
public static class ExperimentPhases
{
    public const string Pretrain = "pretrain";
    public const string Finetune = "finetune";

    public static IEnumerable<(string Phase, IReadOnlyList<RunRecord> Runs)> Split(IReadOnlyList<RunRecord> runs)
    {
        yield return (Pretrain, [.. runs.Where(r => !Branching.IsFineTune(r))]);
        var parents = runs.Where(r => r.ParentRunId is null).ToDictionary(r => ExperimentFineTuner.BranchId(r.Id));
        List<RunRecord> finetunes =
            [.. runs.Where(r => parents.ContainsKey(r.Id)).Select(r => AsParent(r, parents[r.Id]))];
        if (finetunes.Count > 0) yield return (Finetune, finetunes);
    }

    /// <summary>The pretraining runs (what the checkpoint picker and the divergences work on).</summary>
    public static IReadOnlyList<RunRecord> PretrainRuns(IReadOnlyList<RunRecord> runs) => Split(runs).First().Runs;

    // The fine-tune's id (its evaluations) with its parent's identity (label, seeds, ordering).
    private static RunRecord AsParent(RunRecord finetune, RunRecord parent) => new()
    {
        Id = finetune.Id, ExperimentId = finetune.ExperimentId, Name = parent.Name, Seed = parent.Seed,
        DatasetId = finetune.DatasetId, Model = parent.Model, Training = finetune.Training, Ordering = parent.Ordering,
        State = finetune.State, CreatedAt = finetune.CreatedAt, ParentRunId = finetune.ParentRunId,
        BranchFromStep = finetune.BranchFromStep, BranchTransform = finetune.BranchTransform,
    };
}
