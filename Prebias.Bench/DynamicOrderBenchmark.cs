using Prebias.Core;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Prebias.Core.Corpora.Synthetic;
using Prebias.Core.Datasets;
using Prebias.Core.Analysis.Inference;
using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Runs;
using Prebias.Core.Storage;
using Prebias.Core.Training;
using static TorchSharp.torch;

namespace Prebias.Bench;

/// <summary>
/// <c>bench dynamic [--preset P] [--steps N] [--batch B] [--seq T] [--refresh R] [--pool P] [--samples S]
/// [--threads T] [--repeats K]</c>: trains the same model on the same token store in a shuffled order and with the
/// <c>dynamic</c> loss policy refreshing every R steps (its scoring, drawing and order-file writes all timed),
/// K times each, interleaved shuffle, dynamic, shuffle, dynamic, ... so that a load swing on a shared machine
/// falls on both arms. Each pair gives a ratio shuffle tokens/s over dynamic tokens/s; the overhead is the mean
/// ratio minus one with Student's t 95 % interval over the K pairs. Random tokens: the cost does not depend on the
/// text. Last line: <c>dynamic_overhead_percent: X</c>.
/// </summary>
public static class DynamicOrderBenchmark
{
    public static Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var preset = Option(args, "--preset") ?? "stories260k";
        var steps = Int(args, "--steps", 150);
        var batch = Int(args, "--batch", 16);
        var refresh = Int(args, "--refresh", 50);
        var pool = Int(args, "--pool", OrderingSpec.DefaultPoolSize);
        var samples = Int(args, "--samples", 8192);
        var threads = Int(args, "--threads", 2);
        var repeats = Int(args, "--repeats", 3);
        if (repeats < 2) throw new ArgumentException("--repeats must be at least 2 (an interval needs two pairs)");
        var modelArgs = ModelPresets.Get(preset);
        modelArgs = modelArgs with { MaxSeqLen = Int(args, "--seq", modelArgs.MaxSeqLen) };
        set_num_threads(threads);
        Console.WriteLine($"preset {preset}, batch {batch}x{modelArgs.MaxSeqLen}, {steps} steps, " +
                          $"refresh every {refresh}, pool {pool}, {threads} threads, {repeats} pairs");

        var folder = Directory.CreateTempSubdirectory("prebias-bench-dynamic-");
        try
        {
            using var tokens = RandomStore(Path.Combine(folder.FullName, "tokens.bin"), samples, modelArgs);
            var ids = Enumerable.Range(0, samples).ToArray();
            var training = new ResolvedTraining(new TrainingOptions
            {
                BatchSize = batch, GradientAccumulationSteps = 1, MaxIters = steps, WarmupIters = 0, DecayLr = false,
                EvalInterval = steps, Threads = threads, Device = "cpu",
            }, LogSpacedCheckpoints: false);

            var shuffle = OrderingCompiler.Compile(new OrderingSpec(), ids, [], 1, training.SamplesNeeded);
            // A short throwaway run first: the first model built in the process pays libtorch's and the JIT's warm-up.
            var warmup = training with { Options = training.Options with { MaxIters = 3 } };
            Train(modelArgs, warmup, tokens, ids, shuffle, refresher: null, ct);
            var spec = new OrderingSpec { Method = OrderingMethods.Dynamic, RefreshInterval = refresh, PoolSize = pool };
            var orders = new FileArtifactStore(Options.Create(new ArtifactStoreOptions { Path = folder.FullName }));
            var ratios = new double[repeats];
            double shuffleSum = 0, dynamicSum = 0, refreshSum = 0;
            var refreshes = 0;
            for (var r = 0; r < repeats; r++)
            {
                var shuffled = Train(modelArgs, training, tokens, ids, shuffle, refresher: null, ct);
                var empty = OrderingCompiler.Compile(spec, ids, [], 1, training.SamplesNeeded);
                var ledger = new OrderLedger(empty, batch, 1);
                var refresher = new DynamicOrderRefresher(spec, training, ledger, empty, orders, $"order-{r}.bin",
                    tokens, tokenizer: null, runSeed: 1, ids, [], _ => { });
                var dynamic = Train(modelArgs, training, tokens, ids, empty, (refresher, ledger), ct);
                var refreshSeconds = refresher.Log.Sum(l => l.Seconds);
                ratios[r] = shuffled / dynamic;
                (shuffleSum, dynamicSum, refreshSum) = (shuffleSum + shuffled, dynamicSum + dynamic,
                    refreshSum + refreshSeconds);
                refreshes = refresher.Log.Count;
                Print($"pair {r + 1}: shuffle {shuffled:F1} tokens/s, dynamic {dynamic:F1} tokens/s ({
                    refresher.Log.Count} refreshes, {refreshSeconds:F2} s), ratio {ratios[r]:F3}");
            }

            var overhead = PairedTTest.Compute([.. ratios.Select(x => x - 1)]);
            Print($"shuffle_tokens_per_second: {shuffleSum / repeats:F1}");
            Print($"dynamic_tokens_per_second: {dynamicSum / repeats:F1}");
            Print($"dynamic_refreshes: {refreshes} per run taking {refreshSum / repeats:F2} s per run");
            Print($"dynamic_overhead_ci95_percent: {overhead.Lower * 100:F1} {overhead.Upper * 100:F1}");
            Print($"dynamic_pairs: {repeats}");
            Print($"dynamic_overhead_percent: {overhead.Estimate * 100:F1}");
            return Task.FromResult(0);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // Tokens/s over the whole run, the dynamic order's refreshes included.
    private static double Train(ModelArgs modelArgs, ResolvedTraining training, TokenStore tokens, int[] ids, CompiledOrder order,
        (DynamicOrderRefresher Refresher, OrderLedger Ledger)? refresher, CancellationToken ct)
    {
        var options = training.Options;
        var ledger = refresher?.Ledger ?? new OrderLedger(order, options.BatchSize, 1);
        var batches = new OrderedBatchProvider(tokens, ledger, ids, ids, 1, options.BatchSize);
        using var model = new Transformer(modelArgs, seed: 1337);
        using var trainer = new Trainer(model, options, OrderedBatchProvider.IgnoreIndex);
        long trained = 0;
        var clock = Stopwatch.StartNew();
        while (trainer.Iteration < options.MaxIters && !ct.IsCancellationRequested)
        {
            refresher?.Refresher.BeforeStep(trainer);
            trained += trainer.Step(batches, readLoss: false).Tokens;
        }
        return trained / clock.Elapsed.TotalSeconds;
    }

    private static TokenStore RandomStore(string path, int samples, ModelArgs args)
    {
        var random = new DeterministicRandom(7);
        using (var writer = new TokenStoreWriter(path, args.MaxSeqLen + 1, args.VocabSize, padId: 0))
        {
            var row = new int[args.MaxSeqLen + 1];
            for (var s = 0; s < samples; s++)
            {
                row[0] = 1;
                for (var t = 1; t < row.Length; t++) row[t] = 3 + random.NextInt(args.VocabSize - 3);
                writer.Append(row);
            }
            writer.Commit();
        }
        return TokenStore.Open(path);
    }

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    private static int Int(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
