using Prebias.Core;
using Prebias.Core.Analysis;
using Prebias.Core.Domain;
using Prebias.Core.Experiments;
using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Training;

namespace Prebias.Tests.Experiments;

/// <summary>The comparison's end point over runs with several init and order seeds: pairing, n and the two spreads.</summary>
public class EndPointComparisonTests
{
    private static RunRecord Run(string name, string method, long init, long order) => new()
    {
        Id = Guid.NewGuid(), Name = name, Seed = init, Model = new ModelArgs(),
        Training = new ResolvedTraining(new TrainingOptions(), LogSpacedCheckpoints: false),
        Ordering = new OrderingSpec
        {
            Method = method, Metric = method == "shuffle" ? null : "sentiment", Seed = order,
        },
    };

    [Fact]
    public void EndPoints_PairByInitSeed_AndSeparateInitFromOrderSpread()
    {
        // Value = init seed + 0.1 · order seed (+ 0.5 for the ordering), at steps 0 and 10 (0 is ignored: not the end).
        var runs = new List<RunRecord>();
        var outputs = new List<CheckpointMetricRecord>();
        foreach (var (name, method, shift) in new[] { ("baseline:shuffle", "shuffle", 0.0), ("sort_asc:sentiment", "sort_asc", 0.5) })
            foreach (var init in new long[] { 1, 2, 3 })
                foreach (var order in new long[] { 1, 2 })
                {
                    var run = Run(name, method, init, order);
                    runs.Add(run);
                    outputs.Add(new CheckpointMetricRecord { RunId = run.Id, Step = 0, Metric = "sentiment", Output = 0 });
                    outputs.Add(new CheckpointMetricRecord { RunId = run.Id, Step = 10, Metric = "sentiment", Output = init + 0.1 * order + shift });
                }

        var row = ExperimentComparison.EndPoints(runs, outputs, [], 0.05, OrderEffectOptions.Default).Single();
        Assert.Equal(10, row.Step);
        Assert.Equal("paired", row.Design);
        Assert.Equal(3, row.NOrdering);                  // init seeds, not runs
        Assert.Equal(0.5, row.Difference, 12);
        Assert.Equal("effect", row.Verdict);             // every pair differs by exactly 0.5
        Assert.Equal(1.0, row.InitSeedSd!.Value, 12);    // SD of 1, 2, 3 at a fixed order seed
        Assert.Equal(3, row.InitSeeds);
        Assert.Equal(Math.Sqrt(0.005), row.OrderSeedSd!.Value, 12); // SD of x + 0.1, x + 0.2 at a fixed init seed
        Assert.Equal(2, row.OrderSeeds);
    }
}
