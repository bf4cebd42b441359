using Prebias.Core;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Prebias.Core.Corpora.Synthetic;
using Prebias.Core.Datasets;
using Prebias.Core.Evaluation.InContext;
using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Runs;
using Prebias.Core.Storage;
using Prebias.Core.Training;
using static TorchSharp.torch;

namespace Prebias.Bench;

/// <summary>
/// <c>bench dynamic [--preset P] [--steps N] [--batch B] [--seq T] [--refresh R] [--pool P] [--samples S] [--threads T]</c>:
/// trains the same model twice on the same token store, once in a shuffled order and once with the <c>dynamic</c> loss
/// policy refreshing every R steps (its scoring, drawing and order-file writes all timed), and reports both tokens/s
/// and the overhead; then the seconds the in-context part adds to one checkpoint's evaluation. Random tokens: the
/// cost does not depend on the text. Last line: <c>dynamic_overhead_percent: X</c>.
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
        var modelArgs = ModelPresets.Get(preset);
        modelArgs = modelArgs with { MaxSeqLen = Int(args, "--seq", modelArgs.MaxSeqLen) };
        set_num_threads(threads);
        Console.WriteLine($"preset {preset}, batch {batch}x{modelArgs.MaxSeqLen}, {steps} steps, refresh every {refresh}, pool {pool}, {threads} threads");

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
            var shuffled = Train(modelArgs, training, tokens, ids, shuffle, refresher: null, ct);
            var spec = new OrderingSpec { Method = OrderingMethods.Dynamic, RefreshInterval = refresh, PoolSize = pool };
            var empty = OrderingCompiler.Compile(spec, ids, [], 1, training.SamplesNeeded);
            var ledger = new OrderLedger(empty, batch, 1);
            var orders = new FileArtifactStore(Options.Create(new ArtifactStoreOptions { Path = folder.FullName }));
            var refresher = new DynamicOrderRefresher(spec, training, ledger, empty, orders, "order.bin", tokens,
                tokenizer: null, runSeed: 1, ids, [], _ => { });
            var dynamic = Train(modelArgs, training, tokens, ids, empty, (refresher, ledger), ct);
            var refreshSeconds = refresher.Log.Sum(r => r.Seconds);

            var valRows = ids.Take(128).Select(i => (IReadOnlyList<int>)tokens.Read(i)).ToList();
            var valLengths = ids.Take(128).Select(i => tokens.GetLength(i)).ToList();
            using var model = new Transformer(modelArgs, seed: 1337);
            InContextEvaluation.Evaluate(model, 1, valRows, valLengths); // warm-up
            var inContext = Enumerable.Range(0, 3).Select(_ => InContextEvaluation.Evaluate(model, 1, valRows, valLengths).Seconds).Order().ToList()[1];

            var overhead = (shuffled / dynamic - 1) * 100;
            Print($"shuffle_tokens_per_second: {shuffled:F1}");
            Print($"dynamic_tokens_per_second: {dynamic:F1}");
            Print($"dynamic_refreshes: {refresher.Log.Count} taking {refreshSeconds:F2} s in all");
            Print($"in_context_seconds_per_checkpoint: {inContext:F3}");
            Print($"dynamic_overhead_percent: {overhead:F1}");
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
