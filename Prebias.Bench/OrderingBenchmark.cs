using System.Diagnostics;
using Prebias.Core;
using Prebias.Core.Ordering;
using Prebias.Workers;

namespace Prebias.Bench;

/// <summary>
/// <c>bench ordering [--samples N] [--method M] [--epochs E] [--repeat R]</c>: compiles an order of N train samples
/// (default 2,000,000) with uniform random metric values in [0, 1) (threshold methods keep &gt;= 0.5), for E epochs
/// (default 1), R times (default 3; the best run is reported, after one small warm-up for the JIT), then saves and
/// reloads it. Last line: <c>samples_per_second: X</c> (input samples per second of the best compile).
/// </summary>
public static class OrderingBenchmark
{
    public static Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var options = new CommandArgs(args);
        var samples = options.GetInt("samples", 2_000_000);
        var method = options.Get("method") ?? OrderingMethods.Shuffle;
        var epochs = options.GetInt("epochs", 1);
        var repeat = options.GetInt("repeat", 3);
        var spec = SpecFor(method);
        spec.Validate();

        var random = new DeterministicRandom(2024);
        var ids = Enumerable.Range(0, samples).ToArray();
        var values = new double[samples];
        for (var i = 0; i < samples; i++) values[i] = random.NextDouble();
        OrderingCompiler.Compile(spec, ids[..1000], values.AsSpan(0, 1000), 1, 1000); // warm-up: JIT

        var best = double.MaxValue;
        CompiledOrder? order = null;
        for (var r = 0; r < repeat; r++)
        {
            ct.ThrowIfCancellationRequested();
            var stopwatch = Stopwatch.StartNew();
            order = OrderingCompiler.Compile(spec, ids, values, seed: 1, samplesNeeded: (long)samples * epochs);
            best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds);
            Console.WriteLine(FormattableString.Invariant($"compile {r + 1}: {stopwatch.Elapsed.TotalMilliseconds:F1} ms"));
        }

        var path = Path.Combine(Path.GetTempPath(), $"prebias-order-bench-{Environment.ProcessId}.bin");
        var io = Stopwatch.StartNew();
        OrderFile.Save(order!, path);
        var saveMs = io.Elapsed.TotalMilliseconds;
        io.Restart();
        OrderFile.Load(path);
        var loadMs = io.Elapsed.TotalMilliseconds;
        File.Delete(path);

        Console.WriteLine(FormattableString.Invariant($"method {method}: {samples:N0} samples, {order!.EligibleCount:N0} eligible, {order.Length:N0} positions, sha256 {order.Hash}"));
        Console.WriteLine(FormattableString.Invariant($"best compile (incl. sha256): {best:F1} ms; save {saveMs:F1} ms; load+verify {loadMs:F1} ms"));
        Console.WriteLine(FormattableString.Invariant($"samples_per_second: {samples / (best / 1000):F0}"));
        return Task.FromResult(0);
    }

    internal static OrderingSpec SpecFor(string method) => method switch
    {
        OrderingMethods.Shuffle => new OrderingSpec(),
        OrderingMethods.Threshold or OrderingMethods.SortedThreshold => new OrderingSpec { Method = method, Metric = "sentiment", Min = 0.5 },
        _ => new OrderingSpec { Method = method, Metric = "sentiment" },
    };
}
