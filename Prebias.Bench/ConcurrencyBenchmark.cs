using System.Diagnostics;
using System.Globalization;
using Prebias.Core.Modeling;
using Prebias.Core.Training;
using static TorchSharp.torch;

using Prebias.Workers;

namespace Prebias.Bench;

/// <summary>
/// <c>bench concurrency [--preset stories260k] [--batch 16] [--seq 256] [--steps 20] [--jobs 2] [--threads N]</c>:
/// where the throughput of concurrent training jobs goes. Trains the preset on random tokens, in-process on
/// dedicated OS threads as the Hangfire workers do, in three layouts: one job with all <c>--threads</c>;
/// <c>--jobs</c> jobs with all threads each (oversubscribed, the old behaviour); <c>--jobs</c> jobs splitting the
/// threads (the torch thread budget). Prints aggregate tokens/s per layout; the last lines are
/// <c>oversubscribed_vs_alone: X</c> and <c>budgeted_vs_alone: X</c> (aggregate tokens/s ratios).
/// </summary>
public static class ConcurrencyBenchmark
{
    public static Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var a = new CommandArgs(args);
        var preset = ModelPresets.Get(a.Get("preset") ?? "stories260k");
        var batch = a.GetInt("batch", 16);
        var seq = a.GetInt("seq", 256);
        var steps = a.GetInt("steps", 20);
        var jobs = a.GetInt("jobs", 2);
        var threads = a.GetInt("threads", Environment.ProcessorCount);
        Console.WriteLine(
            $"preset {a.Get("preset") ?? "stories260k"}, batch {batch}x{seq}, {steps} steps each, {threads} threads");

        var alone = Measure("1 job, all threads", 1, threads, preset, batch, seq, steps, ct);
        var oversubscribed = Measure($"{jobs} jobs, all threads each", jobs, threads, preset, batch, seq, steps, ct);
        var split = Math.Max(1, threads / jobs);
        var budgeted = Measure($"{jobs} jobs, budget split", jobs, split, preset, batch, seq, steps, ct);
        Console.WriteLine(Line("oversubscribed_vs_alone", oversubscribed / alone));
        Console.WriteLine(Line("budgeted_vs_alone", budgeted / alone));
        return Task.FromResult(0);
    }

    /// <summary>Aggregate tokens/s of <paramref name="jobs"/> trainers stepping at once after a shared warm-up.
    /// </summary>
    private static double Measure(string label, int jobs, int threadsPerJob, ModelArgs preset, int batch, int seq,
        int steps, CancellationToken ct)
    {
        using var warm = new Barrier(jobs + 1);
        using var done = new CountdownEvent(jobs);
        for (var j = 0; j < jobs; j++)
        {
            var seed = j;
            new Thread(() =>
            {
                // torch keeps the thread count per OS thread, as in a Hangfire worker.
                set_num_threads(threadsPerJob);
                using var model = new Transformer(preset, seed: 1337 + seed);
                using var trainer = new Trainer(model, new TrainingOptions
                {
                    BatchSize = batch, GradientAccumulationSteps = 1, MaxIters = steps + 2, WarmupIters = 0,
                    DecayLr = false, Threads = threadsPerJob, Device = "cpu",
                });
                for (var i = 0; i < 2; i++)
                    trainer.Step(_ => TrainBenchmark.RandomBatch(preset.VocabSize, batch, seq, i));
                warm.SignalAndWait(ct);
                for (var i = 0; i < steps && !ct.IsCancellationRequested; i++)
                    trainer.Step(_ => TrainBenchmark.RandomBatch(preset.VocabSize, batch, seq, i));
                done.Signal();
            }) { IsBackground = true }.Start();
        }
        warm.SignalAndWait(ct);
        var clock = Stopwatch.StartNew();
        done.Wait(ct);
        var tokensPerSecond = (double)jobs * steps * batch * seq / clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} ({threadsPerJob} threads per job): {tokensPerSecond:F0} tokens/s aggregate, " +
            $"{clock.Elapsed.TotalSeconds:F1} s"));
        return tokensPerSecond;
    }

    private static string Line(string figure, double value) =>
        string.Create(CultureInfo.InvariantCulture, $"{figure}: {value:F3}");
}
