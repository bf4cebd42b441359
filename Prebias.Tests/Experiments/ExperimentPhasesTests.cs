using Prebias.Core.Training;
using Prebias.Core.Modeling;
using System.Text.Json;
using Prebias.Core;
using Prebias.Core.Analysis;
using Prebias.Core.Branches;
using Prebias.Core.Domain;
using Prebias.Core.Experiments;
using Prebias.Core.Ordering;

namespace Prebias.Tests.Experiments;

/// <summary>
/// The comparison's two phases: the experiment's fine-tunes are compared as their parents were (same labels, seeds
/// and pairs), and the pretraining rows do not change when fine-tunes join.
/// </summary>
public sealed class ExperimentPhasesTests
{
    [Fact]
    public void FineTunes_AreComparedUnderTheirParentsLabels_AndLeaveThePretrainRowsAlone()
    {
        var runs = new List<RunRecord>();
        var outputs = new List<CheckpointMetricRecord>();
        // Before: the ordering is 0.5 above the baseline; after the fine-tune: 0.1 below.
        foreach (var (name, before, after) in
            new[] { ("baseline:shuffle", 0.0, 0.0), ("sort_asc:sentiment", 0.5, -0.1) })
            foreach (var seed in new long[] { 1, 2, 3 })
            {
                var parent = Run(Guid.NewGuid(), name, seed, null);
                var finetune = Run(ExperimentFineTuner.BranchId(parent.Id), $"{name} → finetune@10", seed, parent.Id);
                runs.AddRange([parent, finetune]);
                outputs.Add(new CheckpointMetricRecord
                {
                    RunId = parent.Id, Step = 10, Metric = "sentiment", Output = seed + before,
                });
                outputs.Add(new CheckpointMetricRecord
                {
                    RunId = finetune.Id, Step = 4, Metric = "sentiment", Output = seed * 0.1 + after,
                });
            }

        var phases = ExperimentPhases.Split(runs).ToList();
        Assert.Equal([ExperimentPhases.Pretrain, ExperimentPhases.Finetune], phases.Select(p => p.Phase));
        var rows = phases.Select(p => ExperimentComparison.EndPoints(p.Runs,
            outputs.Where(o => p.Runs.Any(r => r.Id == o.RunId)).ToList(),
            [], 0.05, OrderEffectOptions.Default, p.Phase).Single()).ToList();

        Assert.Equal(("sort_asc:sentiment", 10L, 0.5, "pretrain"),
            (rows[0].Ordering, rows[0].Step, Math.Round(rows[0].Difference, 9), rows[0].Phase));
        Assert.Equal(("sort_asc:sentiment", 4L, -0.1, "finetune"),
            (rows[1].Ordering, rows[1].Step, Math.Round(rows[1].Difference, 9), rows[1].Phase));
        Assert.Equal(("paired", 3), (rows[1].Design, rows[1].NOrdering));
        List<RunRecord> parents = [.. runs.Where(r => r.ParentRunId is null)];
        var alone = ExperimentComparison.EndPoints(parents,
            [.. outputs.Where(o => parents.Any(r => r.Id == o.RunId))], [], 0.05, OrderEffectOptions.Default).Single();
        Assert.Equal(alone, rows[0]);
    }

    private static RunRecord Run(Guid id, string name, long seed, Guid? parent) => new()
    {
        Id = id, Name = name, Seed = seed, Model = new ModelArgs(),
        Training = new ResolvedTraining(new TrainingOptions(), false),
        ParentRunId = parent, Ordering = new OrderingSpec { Seed = seed },
        BranchTransform = parent is null ? null
            : JsonSerializer.Serialize<BranchTransform>(
                new FinetuneTransform { DatasetId = Guid.NewGuid(), Steps = 4 }, JsonDefaults.Options),
    };
}
