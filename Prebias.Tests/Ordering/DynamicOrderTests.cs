using Prebias.Core.Ordering;

namespace Prebias.Tests.Ordering;

public class DynamicOrderTests
{
    private static readonly OrderingSpec Loss = new() { Method = OrderingMethods.Dynamic, RefreshInterval = 4 };

    [Fact]
    public void FromLosses_IsProportionalToLossPowerAlpha_WhenNoFloor()
    {
        var p = SamplingWeights.FromLosses([1.0, 2.0, 4.0], alpha: 2, temperature: 1, floor: 0);
        Assert.Equal(1 / 21.0, p[0], 12);
        Assert.Equal(4 / 21.0, p[1], 12);
        Assert.Equal(16 / 21.0, p[2], 12);
    }

    [Fact]
    public void FromLosses_KeepsEveryCandidateAboveFloorOverN_WhenOneLossDominates()
    {
        var p = SamplingWeights.FromLosses([0.001, 100, double.NaN, 0.5], alpha: 3, temperature: 0.5, floor: 0.2);
        Assert.Equal(1, p.Sum(), 12);
        Assert.All(p, x => Assert.True(x >= 0.2 / 4 - 1e-15));
        Assert.True(p[1] > 0.8);
    }

    [Fact]
    public void TowardTarget_FavoursHighMetric_WhenOutputBelowTarget()
    {
        var z = SamplingWeights.ZScores([-1.0, 0.0, 1.0]);
        var up = SamplingWeights.TowardTarget(z, direction: 1, beta: 1, temperature: 1, floor: 0);
        var down = SamplingWeights.TowardTarget(z, direction: -1, beta: 1, temperature: 1, floor: 0);
        var still = SamplingWeights.TowardTarget(z, direction: 0, beta: 1, temperature: 1, floor: 0);
        Assert.True(up[2] > up[1] && up[1] > up[0]);
        Assert.True(down[0] > down[1] && down[1] > down[2]);
        Assert.All(still, x => Assert.Equal(1 / 3.0, x, 12));
        Assert.Equal(Math.Exp(1) / Math.Exp(-1), up[2] / up[0], 9); // z = ±1, β = 1
    }

    [Fact]
    public void EntropyAndEffectiveSampleSize_AreLnNAndN_WhenUniform_AndFallWhenPeaked()
    {
        var uniform = Enumerable.Repeat(0.01, 100).ToArray();
        Assert.Equal(Math.Log(100), SamplingWeights.Entropy(uniform), 9);
        Assert.Equal(100, SamplingWeights.EffectiveSampleSize(uniform), 9);
        var peaked = SamplingWeights.FromLosses([.. Enumerable.Range(1, 100).Select(i => (double)i)], 4, 1, 0);
        Assert.True(SamplingWeights.Entropy(peaked) < Math.Log(100));
        Assert.InRange(SamplingWeights.EffectiveSampleSize(peaked), 1, 99);
    }

    [Fact]
    public void Draw_IsDeterministicAndFollowsWeights_WhenSameSeedAndStep()
    {
        var candidates = Enumerable.Range(100, 10).ToArray();
        var p = SamplingWeights.FromLosses([.. Enumerable.Range(1, 10).Select(i => i == 10 ? 50.0 : 1.0)], 1, 1, 0);
        var metric = Enumerable.Range(0, 10).Select(i => (double)i).ToArray();
        var (a, summary) = DynamicOrder.Draw(Loss, step: 8, start: 0, length: 4000, candidates, p, metric, seed: 5);
        var (b, _) = DynamicOrder.Draw(Loss, step: 8, start: 0, length: 4000, candidates, p, metric, seed: 5);
        var (c, _) = DynamicOrder.Draw(Loss, step: 12, start: 0, length: 4000, candidates, p, metric, seed: 5);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(2, summary.Refresh);
        // Candidate 109 carries 50/59 of the mass: 3390 of 4000 draws expected, sd ≈ 23.
        Assert.InRange(a.Count(id => id == 109), 3390 - 120, 3390 + 120);
        Assert.Equal(SamplingWeights.WeightedMean(p, metric), summary.WeightedMetricMean!.Value, 12);
        Assert.Equal(a.Average(id => id - 100.0), summary.WindowMetricMean!.Value, 12);
        Assert.Equal(4.5, summary.CandidateMetricMean);
    }

    [Fact]
    public void Pool_DrawsDistinctIdsIndependentOfInputOrder_WhenSeeded()
    {
        var ids = Enumerable.Range(0, 1000).ToArray();
        var a = DynamicOrder.Pool(ids, 64, seed: 3, refresh: 1);
        Assert.Equal(64, a.Distinct().Count());
        Assert.Equal(a, DynamicOrder.Pool([.. ids.Reverse()], 64, seed: 3, refresh: 1));
        Assert.NotEqual(a, DynamicOrder.Pool(ids, 64, seed: 3, refresh: 2));
        Assert.Equal(10, DynamicOrder.Pool([.. ids.Take(10)], 64, seed: 3, refresh: 1).Length);
    }

    [Fact]
    public void Window_CoversRefreshIntervalSteps_AndTheLastRunsToTheEnd()
    {
        // maxIters 10, 2 samples per step: the order holds 11 steps (llama2.c counts step max_iters).
        const long needed = 11 * 2;
        Assert.Equal((0L, 8), DynamicOrder.Window(Loss, 0, 2, needed));
        Assert.Equal((8L, 8), DynamicOrder.Window(Loss, 4, 2, needed));
        Assert.Equal((16L, 6), DynamicOrder.Window(Loss, 8, 2, needed)); // steps 8, 9 and 10
        var empty = OrderingCompiler.Compile(Loss, [.. Enumerable.Range(0, 5)], [], 1, needed);
        Assert.Equal(0, empty.Length);
        var grown = DynamicOrder.Append(empty, 0, [1, 2, 3]);
        Assert.Equal(OrderHash.Compute([1, 2, 3]), grown.Hash);
        Assert.Throws<InvalidOperationException>(() => DynamicOrder.Append(grown, 8, [4]));
    }

    [Fact]
    public void Extend_KeepsHandedOutPositions_AndRejectsAnOrderWithAnotherPrefix()
    {
        var ledger = new OrderLedger(new CompiledOrder([1, 2], 2, 1), batchSize: 2, gradAccumSteps: 1);
        ledger.Extend(new CompiledOrder([1, 2, 3, 4], 4, 1));
        Assert.Equal([3, 4], ledger.MicroBatch(1, 0).ToArray());
        Assert.Throws<ArgumentException>(() => ledger.Extend(new CompiledOrder([9, 2, 3, 4, 5, 6], 6, 1)));
    }

    [Theory]
    [InlineData("""{"method":"dynamic","policy":"greedy"}""", "policy must be one of loss, target")]
    [InlineData("""{"method":"dynamic","policy":"target","metric":"sentiment"}""", "needs a target value")]
    [InlineData("""{"method":"dynamic","policy":"target","target":0.5}""", "policy target needs a metric")]
    [InlineData("""{"method":"dynamic","refreshInterval":0}""", "refreshInterval must be at least 1")]
    [InlineData("""{"method":"dynamic","floor":1}""", "floor must be in [0, 1)")]
    [InlineData("""{"method":"dynamic","temperature":0}""", "temperature must be a finite number > 0")]
    [InlineData("""{"method":"dynamic","target":0.5}""", "target and beta apply only to policy target")]
    [InlineData("""{"method":"shuffle","refreshInterval":10}""", "apply only to method dynamic")]
    [InlineData("""{"method":"dynamic","policy":"target","metric":"sentiment","target":1,"poolSize":9}""",
        "poolSize and alpha apply only to policy loss")]
    public void Problems_NameTheField_WhenDynamicSpecIsInvalid(string json, string expected)
    {
        var spec = System.Text.Json.JsonSerializer.Deserialize<OrderingSpec>(json, Prebias.Core.JsonDefaults.Options)!;
        Assert.Contains(spec.Problems(), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_IsEmpty_WhenDynamicSpecsAreValid()
    {
        Assert.Empty(Loss.Problems());
        Assert.Empty((Loss with { Policy = DynamicPolicies.Target, Metric = "sentiment", Target = 0.5,
            Beta = 2 }).Problems());
        Assert.Equal("sentiment", (Loss with { Metric = "sentiment" }).ResolveMetric()!.Name);
        Assert.Null(Loss.ResolveMetric());
    }
}
