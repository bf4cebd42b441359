using System.Text.Json;

namespace Prebias.Workers.Demo;

/// <summary>
/// Demo stage 3: two short runs of the stories260k model on the demo dataset, one shuffled and one sorted by
/// sentiment (most negative stories first), trained one after the other on the gpu queue. Prints both loss curves.
/// </summary>
public static class TrainingStage
{
    public const int Steps = 200;

    public static object RunRequest(string datasetId, string name, object ordering, long seed = 1337) => new
    {
        name, datasetId, seed, ordering,
        model = new { preset = "stories260k" },
        training = new { batchSize = 16, maxIters = Steps, evalInterval = 50, evalIters = 8, warmupIters = 20, learningRate = 2e-3, minLr = 2e-4 },
    };

    public static async Task RunAsync(PrebiasClient client, DemoContext demo, CancellationToken ct)
    {
        Console.WriteLine($"== Training: two stories260k runs, {Steps} steps each (shuffled, sorted by sentiment) ==");
        var (shuffled, shuffledJob) = await client.PostAsync("api/runs", RunRequest(demo.DatasetId, "shuffled", new { method = "shuffle" }), ct);
        var (sorted, sortedJob) = await client.PostAsync("api/runs", RunRequest(demo.DatasetId, "sorted-by-sentiment", new { method = "sort_asc", metric = "sentiment" }), ct);
        demo.RunIds.AddRange([shuffled, sorted]);
        await client.WaitForJobAsync(shuffledJob, "shuffled", ct);
        await client.WaitForJobAsync(sortedJob, "sorted", ct);

        var a = await client.GetAsync($"api/runs/{shuffled}/checkpoints", ct);
        var b = await client.GetAsync($"api/runs/{sorted}/checkpoints", ct);
        Console.WriteLine($"  {"step",6}  {"shuffled train",14} {"val",8}   {"sorted train",14} {"val",8}");
        foreach (var (x, y) in a.EnumerateArray().Zip(b.EnumerateArray()))
            Console.WriteLine($"  {x.GetProperty("step").GetInt64(),6}  {Loss(x, "trainLoss"),14} {Loss(x, "valLoss"),8}   {Loss(y, "trainLoss"),14} {Loss(y, "valLoss"),8}");
        foreach (var id in demo.RunIds)
        {
            var run = await client.GetAsync($"api/runs/{id}", ct);
            Console.WriteLine($"  run {id} ({run.GetProperty("name").GetString()}): order sha256 {run.GetProperty("orderSha256").GetString()![..16]}…, " +
                              $"{run.GetProperty("tokensPerSecond").GetDouble():N0} tokens/s; loss plot: {client.BaseUrl}api/runs/{id}/losses.png");
        }
    }

    private static string Loss(JsonElement checkpoint, string name) =>
        checkpoint.GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble().ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
