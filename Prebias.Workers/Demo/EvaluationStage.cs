using System.Globalization;
using System.Text.Json;

namespace Prebias.Workers.Demo;

/// <summary>
/// Demo stage 4: every checkpoint of every run is evaluated (chained after its training); once the experiment is
/// complete, print per seed-1 run the saturation table (sentiment of the samples seen vs of the generated text) and
/// the she/he bias probe over checkpoints, then the experiment's comparison: each ordering against the baseline at
/// the end, with its n, the paired t confidence interval, the Holm-adjusted p, the TOST and the verdict.
/// </summary>
public static class EvaluationStage
{
    public static async Task RunAsync(PrebiasClient client, DemoContext demo, CancellationToken ct)
    {
        Console.WriteLine("== Evaluation: generations, output metrics, bias probes, saturation ==");
        var experiment = await WaitForExperimentAsync(client, demo.ExperimentId, ct);
        if (experiment.GetProperty("state").GetString() != "Succeeded")
            throw new InvalidOperationException($"experiment {demo.ExperimentId} {experiment.GetProperty("state").GetString()}: {experiment.GetProperty("error").GetString()}");

        foreach (var run in demo.Runs.Where(r => r.Seed == 1))
        {
            Console.WriteLine($"-- run {run.Ordering}, seed 1 ({run.Id})");
            var saturation = await client.GetAsync($"api/runs/{run.Id}/saturation", ct);
            var bias = await client.GetAsync($"api/runs/{run.Id}/bias", ct);
            Console.WriteLine($"  {"step",6} {"samples",8} {"sentiment in (window)",22} {"in (cumulative)",16} {"out (generated)",16} {"she−he (mean)",14} {"stereotype lean",16}");
            foreach (var row in saturation.EnumerateArray().Where(r => r.GetProperty("metric").GetString() == "sentiment"))
            {
                var step = row.GetProperty("step").GetInt64();
                string Bias(string subject) => F(bias.EnumerateArray().Where(b => b.GetProperty("step").GetInt64() == step
                    && b.GetProperty("probe").GetString() == "she_he" && b.GetProperty("subject").GetString() == subject).Select(b => (double?)b.GetProperty("score").GetDouble()).FirstOrDefault());
                Console.WriteLine($"  {step,6} {row.GetProperty("samplesSeen").GetInt64(),8} {Num(row, "inputWindow"),22} {Num(row, "inputCumulative"),16} {Num(row, "output"),16} {Bias("_mean"),14} {Bias("_stereotype_lean"),16}");
            }
            var last = saturation.EnumerateArray().Max(r => r.GetProperty("step").GetInt64());
            var greedy = (await client.GetAsync($"api/runs/{run.Id}/checkpoints/{last}/generations", ct)).EnumerateArray()
                .First(g => g.GetProperty("mode").GetString() == "greedy" && g.GetProperty("prompt").GetString()!.Length > 0);
            Console.WriteLine($"  greedy at step {last}: {Trim(greedy.GetProperty("text").GetString()!)}");
            await PrintLanguageCheckAsync(client, run.Id, last, saturation, ct);
            Console.WriteLine($"  plots: {client.BaseUrl}api/runs/{run.Id}/saturation.png {client.BaseUrl}api/runs/{run.Id}/bias.png " +
                              $"{client.BaseUrl}api/runs/{run.Id}/checkpoints/{last}/attention.png {client.BaseUrl}api/runs/{run.Id}/checkpoints/{last}/embeddings.png " +
                              $"{client.BaseUrl}api/runs/{run.Id}/checkpoints/{last}/layers.png");
        }

        Console.WriteLine("== Comparison with the baseline (end point; paired t CI, Holm-adjusted p, TOST ±1 seed SD) ==");
        var comparison = await client.GetAsync($"api/experiments/{demo.ExperimentId}/comparison", ct);
        Console.WriteLine($"  {"metric",-24} {"ordering",-20} {"n",5} {"Δ vs baseline",14} {"95% CI",22} {"d",7} {"adj. p",7} {"TOST p",7} {"MDE (d)",8}  verdict (saturates at step)");
        foreach (var row in comparison.GetProperty("endPoint").EnumerateArray()
                     .Where(r => r.GetProperty("metric").GetString() is "sentiment" or "flesch_kincaid_grade" or "vocabulary_diversity" or "gender_ratio" or "profanity_rate" or "mean_sentence_length"))
            Console.WriteLine($"  {row.GetProperty("metric").GetString(),-24} {row.GetProperty("ordering").GetString(),-20} " +
                              $"{row.GetProperty("nOrdering").GetInt32() + "/" + row.GetProperty("nBaseline").GetInt32(),5} {Num(row, "difference"),14} " +
                              $"{"[" + Num(row, "ciLower") + ", " + Num(row, "ciUpper") + "]",22} {Num(row, "effectSize"),7} {Num(row, "adjustedP"),7} {Num(row, "equivalenceP"),7} {Num(row, "mde"),8}  " +
                              $"{row.GetProperty("verdict").GetString()} ({(row.GetProperty("saturationStep") is { ValueKind: JsonValueKind.Number } s ? s.GetInt64().ToString(CultureInfo.InvariantCulture) : "-")})");
        foreach (var d in comparison.GetProperty("divergence").EnumerateArray().GroupBy(d => d.GetProperty("ordering").GetString()).Select(g => g.Last()))
            Console.WriteLine($"  divergence of {d.GetProperty("ordering").GetString()} from the baseline at step {d.GetProperty("step").GetInt64()}: " +
                              $"val-loss gap {Num(d, "valLossGap")}, KL {Num(d, "klDivergence")} nats/token, embedding CKA {Num(d, "embeddingCka")}");
        Console.WriteLine($"  comparison: {client.BaseUrl}api/experiments/{demo.ExperimentId}/comparison (csv: ?format=csv&table=endpoint), plot: {client.BaseUrl}api/experiments/{demo.ExperimentId}/comparison.png");
    }

    /// <summary>Polls the experiment until it succeeded or failed, printing its progress every 10 %.</summary>
    public static async Task<JsonElement> WaitForExperimentAsync(PrebiasClient client, string id, CancellationToken ct)
    {
        var lastPrinted = -1.0;
        while (true)
        {
            var experiment = await client.GetAsync($"api/experiments/{id}", ct);
            var state = experiment.GetProperty("state").GetString();
            var progress = experiment.GetProperty("progress").GetDouble();
            if (progress - lastPrinted >= 0.1 || state is "Succeeded" or "Failed")
            {
                var runs = experiment.GetProperty("runs").EnumerateArray().ToList();
                Console.WriteLine($"  [experiment] {progress:P0} {state}: {runs.Sum(r => r.GetProperty("evaluatedCheckpoints").GetInt32())}/{runs.Sum(r => r.GetProperty("checkpoints").GetInt32())} checkpoints evaluated");
                lastPrinted = progress;
            }
            if (state is "Succeeded" or "Failed") return experiment;
            await Task.Delay(1000, ct);
        }
    }

    private static string Num(JsonElement row, string name) => F(row.GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null);

    private static string F(double? v) => v?.ToString("F3", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>
    /// Is the output language at all? The generated text's rep-4 and OOV rate (means over the checkpoint's
    /// generations) and the share of generations that ended before the evaluation's token cap, i.e. with EOS.
    /// </summary>
    private static async Task PrintLanguageCheckAsync(PrebiasClient client, string runId, long step, JsonElement saturation, CancellationToken ct)
    {
        string Output(string metric) => Num(saturation.EnumerateArray()
            .First(r => r.GetProperty("step").GetInt64() == step && r.GetProperty("metric").GetString() == metric), "output");
        var generations = (await client.GetAsync($"api/runs/{runId}/checkpoints/{step}/generations", ct)).EnumerateArray().ToList();
        var sampled = generations.Where(g => g.GetProperty("mode").GetString() == "sample").ToList();
        var cap = new Prebias.Core.Evaluation.EvaluationOptions().MaxNewTokens; // the demo evaluates with the defaults
        var ended = sampled.Count(g => g.GetProperty("tokenCount").GetInt32() < cap);
        Console.WriteLine($"  language at step {step}: repetition_rate {Output("repetition_rate")}, oov_rate {Output("oov_rate")}, " +
                          $"distinct_2 {Output("distinct_2")}; sampled generations ended with EOS: {ended}/{sampled.Count}");
    }

    private static string Trim(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= 160 ? oneLine : oneLine[..160] + "…";
    }
}
