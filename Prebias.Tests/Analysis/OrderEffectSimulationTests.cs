using Prebias.Core;
using Prebias.Core.Analysis;
using Xunit.Abstractions;

namespace Prebias.Tests.Analysis;

/// <summary>
/// The comparison's operating characteristics by simulation: seeded, pure C#, a few seconds. A simulated durability
/// experiment has n init seeds; each run's end-point metric is u_i + e_run (+ δ·σ for the ordering), where u_i is the
/// init seed's share, common to the ordering's and the baseline's run of seed i (correlation ρ = σ_u² / σ²), and σ is
/// the seed SD, the spread of one ordering's runs. Monte Carlo error bounds are three binomial standard errors.
/// </summary>
public class OrderEffectSimulationTests(ITestOutputHelper output)
{
    private const int Experiments = 10_000;

    private static double ThreeSe(double p) => 3 * Math.Sqrt(p * (1 - p) / Experiments);

    private static (SeedValue[] Ordering, SeedValue[] Baseline) Simulate(DeterministicRandom random, int n, double delta, double rho)
    {
        var ordering = new SeedValue[n];
        var baseline = new SeedValue[n];
        for (var i = 0; i < n; i++)
        {
            var init = Math.Sqrt(rho) * Normal(random);
            ordering[i] = new SeedValue(i, delta + init + Math.Sqrt(1 - rho) * Normal(random));
            baseline[i] = new SeedValue(i, init + Math.Sqrt(1 - rho) * Normal(random));
        }
        return (ordering, baseline);
    }

    // Box–Muller on the project's deterministic stream.
    private static double Normal(DeterministicRandom random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static OrderEffect Decide(SeedValue[] ordering, SeedValue[] baseline) =>
        OrderEffectAnalysis.Decide([OrderEffectAnalysis.Compare(ordering, baseline)]).Single();

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.6)]
    public void FalseEffectRate_IsAtMostFivePercent_WhenNoTrueEffectAndFiveSeeds(double rho)
    {
        var random = new DeterministicRandom(20261201, (ulong)(rho * 10));
        var effects = 0;
        for (var k = 0; k < Experiments; k++)
        {
            var (o, b) = Simulate(random, 5, 0, rho);
            if (Decide(o, b).Verdict == OrderEffectVerdict.Effect) effects++;
        }
        var rate = (double)effects / Experiments;
        output.WriteLine($"rho {rho}: false effect rate {rate:F4}");
        Assert.True(rate <= 0.05 + ThreeSe(0.05), $"false effect rate {rate:F4}");
        Assert.True(rate >= 0.05 - ThreeSe(0.05), $"false effect rate {rate:F4} far below the nominal 5 %: the test is not what it says");
    }

    [Fact]
    public void ConfidenceInterval_CoversTheTrueDifference_AtLeast93Percent_WhenFiveSeeds()
    {
        var random = new DeterministicRandom(20261202);
        var covered = 0;
        for (var k = 0; k < Experiments; k++)
        {
            var (o, b) = Simulate(random, 5, 0.7, 0.5);
            var e = OrderEffectAnalysis.Compare(o, b);
            if (e.CiLower <= 0.7 && 0.7 <= e.CiUpper) covered++;
        }
        var coverage = (double)covered / Experiments;
        output.WriteLine($"coverage {coverage:F4}");
        Assert.True(coverage >= 0.93, $"coverage {coverage:F4}");
        Assert.True(coverage <= 0.95 + ThreeSe(0.95), $"coverage {coverage:F4} above nominal: intervals wider than they need be");
    }

    [Fact]
    public void Verdict_IsEffect_AtLeast90Percent_WhenTheTrueEffectIsThreeSeedSdsAndFiveSeeds()
    {
        // ρ = 0, the hardest case for pairing: the exact power of the paired t-test is 0.936 (scipy nct), so ≥ 0.90
        // holds with room for Monte Carlo error.
        var random = new DeterministicRandom(20261203);
        var effects = 0;
        for (var k = 0; k < Experiments; k++)
        {
            var (o, b) = Simulate(random, 5, 3, 0);
            if (Decide(o, b).Verdict == OrderEffectVerdict.Effect) effects++;
        }
        var rate = (double)effects / Experiments;
        output.WriteLine($"power {rate:F4}");
        Assert.True(rate >= 0.90, $"power {rate:F4}");
    }

    [Fact]
    public void Holm_KeepsTheChanceOfAnyFalseEffectAtFivePercent_AcrossTwentyMetrics()
    {
        var random = new DeterministicRandom(20261204);
        const int families = 2_000;
        var anyEffect = 0;
        for (var k = 0; k < families; k++)
        {
            var rows = Enumerable.Range(0, 20).Select(_ => { var (o, b) = Simulate(random, 5, 0, 0.3); return OrderEffectAnalysis.Compare(o, b); }).ToList();
            if (OrderEffectAnalysis.Decide(rows).Any(r => r.Verdict == OrderEffectVerdict.Effect)) anyEffect++;
        }
        var rate = (double)anyEffect / families;
        output.WriteLine($"family-wise false effect rate {rate:F4}");
        Assert.True(rate <= 0.05 + 3 * Math.Sqrt(0.05 * 0.95 / families), $"family-wise false effect rate {rate:F4}");
    }

    [Fact]
    public void Equivalent_IsRarelyClaimed_WhenTheTrueEffectIsAtTheMargin()
    {
        // δ = 1 seed SD is not equivalent at ±1: TOST may say so at most α of the time (it is conservative here, as the
        // margin is estimated with the SD).
        var random = new DeterministicRandom(20261205);
        var equivalent = 0;
        for (var k = 0; k < Experiments; k++)
        {
            var (o, b) = Simulate(random, 10, 1, 0.8);
            if (Decide(o, b).Verdict == OrderEffectVerdict.Equivalent) equivalent++;
        }
        var rate = (double)equivalent / Experiments;
        output.WriteLine($"false equivalence rate {rate:F4}");
        Assert.True(rate <= 0.05 + ThreeSe(0.05), $"false equivalence rate {rate:F4}");
    }
}
