using System.Text.Json;

namespace Prebias.Workers.Demo;

/// <summary>
/// Demo stage 3: a durability experiment on the demo dataset — the stories260k model trained on the same data in two
/// orders (the baseline shuffle, and sorted by sentiment, most negative stories first), each with three seeds (the fewest that give a seed spread worth comparing with). Runs fan
/// out over the gpu queue; this stage waits for training and prints the loss curves of the seed-1 runs.
/// </summary>
public static class TrainingStage
{
    public const int Steps = 150;

    public static async Task RunAsync(PrebiasClient client, DemoContext demo, CancellationToken ct)
    {
        Console.WriteLine($"== Training: durability experiment, stories260k, {Steps} steps, orders shuffle (baseline) and sort_asc:sentiment, seeds 1, 2 and 3 ==");
        (demo.ExperimentId, var monitorJob) = await client.PostAsync("api/experiments/durability", new
        {
            name = "demo: sentiment order vs shuffle",
            datasetId = demo.DatasetId,
            model = new { preset = "stories260k" },
            training = new { batchSize = 16, maxIters = Steps, evalInterval = 50, evalIters = 8, warmupIters = 15, learningRate = 2e-3, minLr = 2e-4 },
            orderings = new[] { new { method = "sort_asc", metric = "sentiment" } },
            baselineOrdering = new { method = "shuffle" },
            seeds = new[] { 1, 2, 3 },
        }, ct);
        demo.MonitorJobId = monitorJob;
        var experiment = await client.GetAsync($"api/experiments/{demo.ExperimentId}", ct);
        foreach (var run in experiment.GetProperty("runs").EnumerateArray())
        {
            var id = run.GetProperty("id").GetString()!;
            demo.Runs.Add((id, run.GetProperty("ordering").GetString()!, run.GetProperty("seed").GetInt64()));
            await client.WaitForJobAsync((await client.GetAsync($"api/runs/{id}", ct)).GetProperty("jobId").GetString()!,
                $"{run.GetProperty("ordering").GetString()} seed {run.GetProperty("seed").GetInt64()}", ct);
        }

        var seed1 = demo.Runs.Where(r => r.Seed == 1).ToList();
        var curves = new List<JsonElement>();
        foreach (var run in seed1) curves.Add(await client.GetAsync($"api/runs/{run.Id}/checkpoints", ct));
        Console.WriteLine($"  {"step",6}" + string.Concat(seed1.Select(r => $"  {r.Ordering + " train",28} {"val",7}")));
        for (var i = 0; i < curves[0].GetArrayLength(); i++)
            Console.WriteLine($"  {curves[0][i].GetProperty("step").GetInt64(),6}" +
                              string.Concat(curves.Select(c => $"  {Loss(c[i], "trainLoss"),28} {Loss(c[i], "valLoss"),7}")));
        foreach (var run in seed1)
        {
            var details = await client.GetAsync($"api/runs/{run.Id}", ct);
            Console.WriteLine($"  {run.Ordering} seed 1: order sha256 {details.GetProperty("orderSha256").GetString()![..16]}…, " +
                              $"{details.GetProperty("tokensPerSecond").GetDouble():N0} tokens/s, loss plot {client.BaseUrl}api/runs/{run.Id}/losses.png");
        }
    }

    private static string Loss(JsonElement checkpoint, string name) =>
        checkpoint.GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble().ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
