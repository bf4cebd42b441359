using System.Diagnostics;
using System.Globalization;
using Prebias.Core;
using Prebias.Core.Analysis;

namespace Prebias.Bench;

/// <summary>
/// <c>bench analysis [--rows 32000] [--dim 288] [--positions 256] [--repeat 3]</c>: times the comparison statistics on
/// random data of a 15M-parameter llama2.c shape: PCA (2 components) and linear CKA of (rows × dim) token-embedding
/// matrices, KL/JS of (positions × rows) next-token logits, and a 10,000-resample bootstrap. Reports the best of
/// <c>--repeat</c> runs. Last line: <c>pca_seconds: X</c>.
/// </summary>
public static class AnalysisBenchmark
{
    public static Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int IntArg(string name, int fallback) => int.Parse(Arg(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var rows = IntArg("--rows", 32000);
        var dim = IntArg("--dim", 288);
        var positions = IntArg("--positions", 256);
        var repeat = IntArg("--repeat", 3);

        var random = new DeterministicRandom(42);
        var x = RandomFloats(rows * dim, random);
        var y = RandomFloats(rows * dim, random);
        var logitsP = RandomFloats(positions * rows, random, scale: 8);
        var logitsQ = RandomFloats(positions * rows, random, scale: 8);
        var seeds = Enumerable.Range(0, 8).Select(_ => random.NextDouble()).ToArray();

        var pca = Best(repeat, ct, () => PrincipalComponents.Fit<float>(x, rows, dim, components: 2));
        Console.WriteLine($"pca ({rows} × {dim}, k = 2): {pca:F3} s");
        var cka = Best(repeat, ct, () => LinearCka.Compute<float>(x, dim, y, dim, rows));
        Console.WriteLine($"linear cka ({rows} × {dim} vs {rows} × {dim}): {cka:F3} s");
        var kl = Best(repeat, ct, () => NextTokenDivergence.MeanKlDivergence(logitsP, logitsQ, rows));
        Console.WriteLine($"kl ({positions} positions × {rows} vocab): {kl:F3} s");
        var js = Best(repeat, ct, () => NextTokenDivergence.MeanJensenShannonDivergence(logitsP, logitsQ, rows));
        Console.WriteLine($"js ({positions} positions × {rows} vocab): {js:F3} s");
        var bootstrap = Best(repeat, ct, () => BootstrapConfidence.DifferenceOfMeans(seeds.AsSpan(0, 4), seeds.AsSpan(4)));
        Console.WriteLine($"bootstrap (4 vs 4 seeds, 10000 resamples): {bootstrap * 1000:F2} ms");
        Console.WriteLine($"pca_seconds: {pca.ToString("F4", CultureInfo.InvariantCulture)}");
        return Task.FromResult(0);
    }

    private static double Best<T>(int repeat, CancellationToken ct, Func<T> work)
    {
        var best = double.MaxValue;
        for (var i = 0; i < Math.Max(repeat, 1); i++)
        {
            ct.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            GC.KeepAlive(work());
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static float[] RandomFloats(int count, DeterministicRandom random, float scale = 1)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        return values;
    }
}
