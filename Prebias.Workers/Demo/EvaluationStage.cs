using System.Globalization;
using System.Text.Json;

namespace Prebias.Workers.Demo;

/// <summary>
/// Demo stage 4: evaluate every checkpoint of both runs, then print per run the saturation table (sentiment of the
/// samples seen vs of the generated text), the she/he bias probe over checkpoints, and the plot URLs.
/// </summary>
public static class EvaluationStage
{
    public static async Task RunAsync(PrebiasClient client, DemoContext demo, CancellationToken ct)
    {
        Console.WriteLine("== Evaluation: generations, output metrics, bias probes, saturation ==");
        var jobs = new List<(string Run, string Job)>();
        foreach (var run in demo.RunIds)
            jobs.Add((run, (await client.PostAsync($"api/runs/{run}/evaluations", new { }, ct)).JobId));
        foreach (var (run, job) in jobs) await client.WaitForJobAsync(job, "evaluation", ct);

        foreach (var run in demo.RunIds)
        {
            var name = (await client.GetAsync($"api/runs/{run}", ct)).GetProperty("name").GetString();
            Console.WriteLine($"-- run {name} ({run})");
            var saturation = await client.GetAsync($"api/runs/{run}/saturation", ct);
            var bias = await client.GetAsync($"api/runs/{run}/bias", ct);
            Console.WriteLine($"  {"step",6} {"samples",8} {"sentiment in (window)",22} {"in (cumulative)",16} {"out (generated)",16} {"she−he (mean)",14} {"stereotype lean",16}");
            foreach (var row in saturation.EnumerateArray().Where(r => r.GetProperty("metric").GetString() == "sentiment"))
            {
                var step = row.GetProperty("step").GetInt64();
                double? Bias(string subject) => bias.EnumerateArray().FirstOrDefault(b => b.GetProperty("step").GetInt64() == step
                    && b.GetProperty("probe").GetString() == "she_he" && b.GetProperty("subject").GetString() == subject) is { ValueKind: JsonValueKind.Object } b
                    ? b.GetProperty("score").GetDouble() : null;
                Console.WriteLine($"  {step,6} {row.GetProperty("samplesSeen").GetInt64(),8} {Num(row, "inputWindow"),22} {Num(row, "inputCumulative"),16} {Num(row, "output"),16} " +
                                  $"{F(Bias("_mean")),14} {F(Bias("_stereotype_lean")),16}");
            }
            var last = saturation.EnumerateArray().Max(r => r.GetProperty("step").GetInt64());
            var greedy = (await client.GetAsync($"api/runs/{run}/checkpoints/{last}/generations", ct)).EnumerateArray()
                .First(g => g.GetProperty("mode").GetString() == "greedy" && g.GetProperty("prompt").GetString()!.Length > 0);
            Console.WriteLine($"  greedy at step {last}: {Trim(greedy.GetProperty("text").GetString()!)}");
            Console.WriteLine($"  plots: {client.BaseUrl}api/runs/{run}/saturation.png  {client.BaseUrl}api/runs/{run}/bias.png  " +
                              $"{client.BaseUrl}api/runs/{run}/checkpoints/{last}/attention.png  {client.BaseUrl}api/runs/{run}/checkpoints/{last}/embeddings.png  " +
                              $"{client.BaseUrl}api/runs/{run}/checkpoints/{last}/layers.png");
        }
    }

    private static string Num(JsonElement row, string name) => F(row.GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null);

    private static string F(double? v) => v?.ToString("F3", CultureInfo.InvariantCulture) ?? "-";

    private static string Trim(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= 160 ? oneLine : oneLine[..160] + "…";
    }
}
