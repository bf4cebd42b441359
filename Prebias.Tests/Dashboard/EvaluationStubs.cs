using System.Text.Json;
using Microsoft.Playwright;

namespace Prebias.Tests.Dashboard;

/// <summary>
/// Hand-made answers, in the documented shapes, for the evaluation and experiment endpoints (saturation, bias,
/// embeddings, layers, generations, experiments, comparison), served to the browser with Playwright routes. They test
/// the page's drawing of those shapes before the endpoints exist in this branch; the run, its checkpoints, losses and
/// attention still come from the real API.
/// </summary>
public static class EvaluationStubs
{
    public static readonly Guid ExperimentId = Guid.Parse("5e5e5e5e-0000-4000-8000-000000000001");

    // Sentiment of generated text at the checkpoints 0, 1, 2, 4, 8, 12; min 0.02, max 0.16.
    public static readonly double?[] SentimentOutput = [0.02, 0.03, 0.08, 0.12, 0.15, 0.16];

    public static async Task InstallAsync(IPage page, string runId)
    {
        await Json(page, "**/api/runs/*/saturation", Saturation());
        await Json(page, "**/api/runs/*/bias", Bias());
        await Json(page, "**/api/runs/*/checkpoints/*/embeddings", Embeddings());
        await Json(page, "**/api/runs/*/checkpoints/*/layers", new { layers = 2, similarity = new[] { new[] { 1.0, 0.62 }, new[] { 0.62, 1.0 } } });
        await Json(page, "**/api/runs/*/checkpoints/*/generations", Generations());
        await Json(page, "**/api/experiments", new[] { new { id = ExperimentId, name = "durability demo", state = "Succeeded", runIds = new[] { runId }, jobId = (string?)null } });
        await Json(page, "**/api/experiments/*/comparison", Comparison());
    }

    private static Task Json(IPage page, string glob, object body) =>
        page.RouteAsync(glob, route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = JsonSerializer.Serialize(body) }));

    private static IEnumerable<object> Saturation()
    {
        long[] steps = [0, 1, 2, 4, 8, 12];
        var metrics = new Dictionary<string, (double?[] Window, double?[] Cumulative, double?[] Output)>
        {
            ["sentiment"] = ([null, 0.30, 0.20, 0.10, 0.05, 0.00], [null, 0.30, 0.25, 0.175, 0.1125, 0.075], SentimentOutput),
            ["gender_he_share"] = ([null, 0.70, 0.65, 0.60, 0.55, 0.50], [null, 0.70, 0.675, 0.6375, 0.59, 0.56], [null, 0.40, 0.52, 0.58, 0.61, 0.60]),
            ["flesch_reading_ease"] = ([null, 98, 96, 95, 94, 97], [null, 98, 97, 96, 95.2, 95.8], [40, 55, 70, 82, 90, 92]),
        };
        foreach (var (metric, (window, cumulative, output)) in metrics)
        {
            double?[] wn = Normalise(window), cn = Normalise(cumulative), on = Normalise(output);
            for (var i = 0; i < steps.Length; i++)
                yield return new
                {
                    step = steps[i], samplesSeen = steps[i] * 8, metric, inputWindow = window[i], inputCumulative = cumulative[i], output = output[i],
                    inputWindowNorm = wn[i], inputCumulativeNorm = cn[i], outputNorm = on[i],
                };
        }
    }

    /// <summary>Min–max normalisation over the known values, as the API documents it.</summary>
    private static double?[] Normalise(double?[] values)
    {
        var known = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        double min = known.Min(), max = known.Max();
        return [.. values.Select(v => v.HasValue ? (max > min ? (v - min) / (max - min) : 0.0) : null)];
    }

    private static IEnumerable<object> Bias()
    {
        long[] steps = [0, 1, 2, 4, 8, 12];
        var drift = new Dictionary<string, double> { ["doctor"] = -0.12, ["nurse"] = 0.15, ["pilot"] = -0.02 };
        for (var i = 0; i < steps.Length; i++)
        {
            foreach (var (subject, slope) in drift)
            {
                yield return new { step = steps[i], probe = "she_he", subject, score = slope * i };
                yield return new { step = steps[i], probe = "her_his", subject, score = slope * i * 0.8 };
            }
            yield return new { step = steps[i], probe = "she_he", subject = "_mean", score = drift.Values.Average() * i };
            yield return new { step = steps[i], probe = "her_his", subject = "_mean", score = drift.Values.Average() * i * 0.8 };
            yield return new { step = steps[i], probe = "minimal_pairs", subject = "_mean", score = 0.5 + 0.02 * i };
        }
    }

    private static object Embeddings() => new
    {
        explainedVarianceRatio = new[] { 0.21, 0.13 },
        points = Enumerable.Range(0, 60).Select(id => new
        {
            id, piece = id switch { 0 => "<unk>", 1 => "<s>", 2 => "</s>", _ => $"\u2581w{id}" },
            x = Math.Cos(id * 0.5) * id / 60, y = Math.Sin(id * 0.5) * id / 60,
        }),
    };

    private static object[] Generations() =>
    [
        new { prompt = "", mode = "greedy", text = "Once upon a time, there was a little girl named Lily. She liked to play.", tokenCount = 18 },
        new { prompt = "", mode = "sample", text = "One day, a boy went to the park with his mom.", tokenCount = 12 },
        new { prompt = "Once upon a time, there was a doctor.", mode = "greedy", text = "Once upon a time, there was a doctor. He was very kind.", tokenCount = 15 },
        new { prompt = "Once upon a time, there was a doctor.", mode = "sample", text = "Once upon a time, there was a doctor. She helped the sick cat.", tokenCount = 16 },
    ];

    private static IEnumerable<object> Comparison()
    {
        // sentiment at step 12: shuffle (baseline) 0.10, sort_desc 0.16.
        foreach (var (ordering, baseline, means) in new[] { ("shuffle", true, new[] { 0.05, 0.08, 0.10 }), ("sort_desc:sentiment", false, new[] { 0.09, 0.14, 0.16 }) })
            for (var i = 0; i < 3; i++)
            {
                long step = new long[] { 4, 8, 12 }[i];
                yield return new { metric = "sentiment", ordering, step, mean = means[i], std = 0.01, min = means[i] - 0.015, max = means[i] + 0.012, seeds = 2, isBaseline = baseline };
                yield return new { metric = "gender_he_share", ordering, step, mean = 0.6 - 0.02 * i, std = 0.02, min = 0.57 - 0.02 * i, max = 0.63 - 0.02 * i, seeds = 2, isBaseline = baseline };
            }
    }
}
