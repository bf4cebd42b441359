using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Prebias.Workers.Demo;

using Prebias.Workers;

namespace Prebias.Bench;

/// <summary>
/// <c>bench experiment --api URL --key-file PATH [--preset stories260k] [--orderings 2] [--seeds 3] [--steps 300]
/// [--dataset ID] [--experiment ID] [--no-isolated] [--no-peer] [--isolated-runs N] [--peer-runs N]</c>: a whole
/// durability experiment through the real jobs of a running
/// API (Postgres, Hangfire, the demo's data and training settings), then the same runs one at a time, then llama2.c's
/// train.py peer (<c>bench/peers/train_llama2c.py</c> on Debian's python3-torch) for the same steps once per run.
/// Prints the wall time, aggregate training tokens/s, the evaluation share and per-part evaluation seconds; the last
/// lines are <c>experiment_vs_isolated: X</c> (experiment wall / sum of isolated walls, lower is better) and
/// <c>experiment_vs_llama2c: X</c> (peer seconds / experiment wall, higher is better).
/// <c>--isolated-runs N</c> and <c>--peer-runs N</c> time only N of the runs (taken round-robin over the orderings:
/// every run of an experiment has the same shapes and steps) and scale their sum by runs / N, which the output says;
/// at the 6 runs × 300 steps the full peer alone takes about 40 minutes on two cores.
/// </summary>
public static class ExperimentBenchmark
{
    private static readonly object[] OtherOrderings =
    [
        new { method = "sort_asc", metric = "sentiment" }, new { method = "sort_desc", metric = "sentiment" },
        new { method = "sort_asc", metric = "flesch_kincaid_grade" },
    ];

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var a = new CommandArgs(args);
        var key = a.Get("key-file") is { } keyFile ? File.ReadAllText(keyFile).Trim()
            : Environment.GetEnvironmentVariable("PREBIAS_API_KEY")
              ?? throw new ArgumentException("--key-file or PREBIAS_API_KEY is required");
        var preset = a.Get("preset") ?? "stories260k";
        var orderings = Math.Clamp(a.GetInt("orderings", 2), 2, OtherOrderings.Length + 1);
        var seeds = a.GetInt("seeds", 3);
        var steps = a.GetInt("steps", 300);
        using var client = PrebiasClient.Create(a.Require("api"), key);
        await client.WaitUntilReadyAsync(null, TimeSpan.FromMinutes(3), ct);

        // The demo's training settings (TrainingStage) with the requested steps.
        var training = new
        {
            batchSize = 16, maxIters = steps, evalInterval = 50, evalIters = 8, warmupIters = 15,
            learningRate = 2e-3, minLr = 2e-4,
        };
        // --experiment ID reads a finished experiment back instead of running one (its wall: created to completed).
        var experimentId = a.Get("experiment");
        if (experimentId is null)
        {
            var datasetId = a.Get("dataset");
            if (datasetId is null)
            {
                var demo = new DemoContext();
                await DataStage.RunAsync(client, demo, ct);
                datasetId = demo.DatasetId;
            }
            Console.WriteLine($"== experiment: {preset}, {orderings} orderings x {seeds} seeds, {steps} steps ==");
            (experimentId, _) = await client.PostAsync("api/experiments/durability", new
            {
                name = $"bench experiment {DateTimeOffset.UtcNow:O}", datasetId, model = new { preset }, training,
                orderings = OtherOrderings.Take(orderings - 1).ToArray(), baselineOrdering = new { method = "shuffle" },
                seeds = Enumerable.Range(1, seeds).ToArray(),
            }, ct);
        }
        var experiment = await EvaluationStage.WaitForExperimentAsync(client, experimentId, ct);
        var wall = (experiment.GetProperty("completedAt").GetDateTimeOffset()
                    - experiment.GetProperty("createdAt").GetDateTimeOffset()).TotalSeconds;
        var runIds = experiment.GetProperty("runs").EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()!).ToList();
        var timings = await ExperimentTimings.ReadAsync(client, runIds, ct);
        timings.Print(wall);

        double? isolated = null;
        if (!args.Contains("--no-isolated"))
        {
            var measured = SpreadOverOrderings(experiment, a.GetInt("isolated-runs", runIds.Count));
            double alone = 0;
            foreach (var id in measured) alone += await TrainAloneAsync(client, id, preset, training, ct);
            isolated = Scaled("isolated_seconds_sum", alone, measured.Count, runIds.Count);
        }
        double? peer = null;
        if (!args.Contains("--no-peer") && !PeerAvailable())
            Console.WriteLine($"llama2.c peer skipped: needs /usr/bin/python3 with torch (python3-torch)");
        else if (!args.Contains("--no-peer"))
        {
            // One peer run per run of the experiment, one after the other: llama2.c trains one run per process.
            var measured = Math.Clamp(a.GetInt("peer-runs", runIds.Count), 1, runIds.Count);
            double peerSeconds = 0;
            for (var i = 0; i < measured; i++) peerSeconds += RunPeer(preset, steps, ct);
            peer = Scaled("llama2c_seconds_sum", peerSeconds, measured, runIds.Count);
        }
        Console.WriteLine(Figure("experiment_wall_seconds", wall));
        if (isolated is { } sum) Console.WriteLine(Figure("experiment_vs_isolated", wall / sum));
        if (peer is { } peerSum) Console.WriteLine(Figure("experiment_vs_llama2c", peerSum / wall));
        return experiment.GetProperty("state").GetString() == "Succeeded" ? 0 : 1;
    }

    /// <summary>Up to <paramref name="count"/> run ids, one ordering after another, so each ordering is timed.</summary>
    private static List<string> SpreadOverOrderings(JsonElement experiment, int count) =>
        experiment.GetProperty("runs").EnumerateArray()
            .Select((r, i) => (Id: r.GetProperty("id").GetString()!, Key: r.GetProperty("ordering").GetRawText(), i))
            .GroupBy(r => r.Key)
            .SelectMany(g => g.Select((r, rank) => (r.Id, rank, r.i)))
            .OrderBy(r => r.rank).ThenBy(r => r.i)
            .Take(Math.Max(1, count)).Select(r => r.Id).ToList();

    /// <summary>Prints the measured sum and, when only some runs were timed, the sum scaled to all runs.</summary>
    private static double Scaled(string name, double sum, int measured, int runs)
    {
        Console.WriteLine(Figure(measured == runs ? name : $"{name}_measured_{measured}_of_{runs}", sum));
        if (measured == runs) return sum;
        var scaled = sum * runs / measured;
        Console.WriteLine(Figure($"{name}_scaled", scaled));
        return scaled;
    }

    private const string PeerScript = "bench/peers/train_llama2c.py";

    /// <summary>One run of the experiment alone: trained, its checkpoints evaluated; its wall seconds.</summary>
    private static async Task<double> TrainAloneAsync(PrebiasClient client, string runId, string preset,
        object training, CancellationToken ct)
    {
        var run = await client.GetAsync($"api/runs/{runId}", ct);
        var clock = Stopwatch.StartNew();
        var (id, job) = await client.PostAsync("api/runs", new
        {
            name = $"bench isolated {runId}", datasetId = run.GetProperty("datasetId").GetString(),
            model = new { preset }, training, ordering = run.GetProperty("ordering"),
            seed = run.GetProperty("seed").GetInt64(), evaluate = true,
        }, ct);
        await client.WaitForJobAsync(job, $"isolated {id}", ct);
        // Training enqueued an evaluation per checkpoint before it succeeded; wait for all of them.
        while (ExperimentTimings.EvaluationJobs(await client.GetAsync("api/jobs?type=Evaluation&limit=1000", ct), [id])
               .Any(j => j.GetProperty("finishedAt").ValueKind != JsonValueKind.String))
            await Task.Delay(500, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(Figure($"isolated run {id} seconds", seconds));
        return seconds;
    }

    private static bool PeerAvailable()
    {
        if (!File.Exists(PeerScript) || !File.Exists("/usr/bin/python3")) return false;
        using var probe = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import torch"])
        {
            RedirectStandardError = true,
        })!;
        probe.StandardError.ReadToEnd();
        probe.WaitForExit();
        return probe.ExitCode == 0;
    }

    /// <summary>
    /// llama2.c's train.py loop for the same steps and the demo's settings (batch 16×256, warm-up 15, lr 2e-3 cosine
    /// to 2e-4, estimate_loss over 8 batches every 50 iterations, checkpoint on a better val loss), in a fresh
    /// process (start-up included). Its checkpoints go to a throwaway folder.
    /// </summary>
    private static double RunPeer(string preset, int steps, CancellationToken ct)
    {
        var outDir = Directory.CreateTempSubdirectory("prebias-bench-llama2c-");
        try
        {
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3",
                [PeerScript, "--preset", preset, "--steps", $"{steps}", "--batch", "16", "--seq", "256",
                 "--threads", $"{Environment.ProcessorCount}", "--warmup", "0", "--eval-interval", "50",
                 "--eval-iters", "8", "--warmup-iters", "15", "--learning-rate", "2e-3", "--min-lr", "2e-4",
                 "--out-dir", outDir.FullName]) { RedirectStandardOutput = true })!;
            using var cancel = ct.Register(() => process.Kill(entireProcessTree: true));
            var last = process.StandardOutput.ReadToEnd()
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            process.WaitForExit();
            ct.ThrowIfCancellationRequested();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"the llama2.c peer exited with {process.ExitCode}");
            Console.WriteLine($"  llama2.c peer: {clock.Elapsed.TotalSeconds:F1} s ({last})");
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }

    internal static string Figure(string name, double value) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}: {value:F3}");
}
