using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Prebias.Tests.Dashboard;

/// <summary>
/// The run page's accuracy and PMI cards against the tables they draw: top-1/top-5/next-word accuracy per evaluated
/// checkpoint, and a heatmap row per (source, set pair) with a cell per step and a star where the permutation null
/// says more than chance.
/// </summary>
public static class RunMeasuresViews
{
    public static async Task AssertAsync(IPage page, HttpClient http, string runId)
    {
        var saturation = (await http.GetFromJsonAsync<JsonElement[]>($"api/runs/{runId}/saturation"))!;
        int Points(string metric) => saturation.Count(r => r.GetProperty("metric").GetString() == metric
            && r.GetProperty("output").ValueKind == JsonValueKind.Number);
        await page.WaitUntilAsync("document.getElementById('accuracy-card-chart').data?.length === 3");
        Assert.Equal(["next_token_top1_accuracy", "next_token_top5_accuracy", "next_word_accuracy"],
            await page.ChartAsync<string[]>("accuracy-card-chart", "c.data.map(t => t.meta)"));
        Assert.Equal(Points("next_token_top1_accuracy"),
            await page.ChartAsync<int>("accuracy-card-chart", "c.data[0].x.length"));
        Assert.True(Points("next_token_top1_accuracy") > 0);
        // Top-5 holds top-1: never below it at any checkpoint.
        Assert.True(await page.ChartAsync<bool>("accuracy-card-chart",
            "c.data[1].y.every((v, i) => v >= c.data[0].y[i])"));

        const string query = "a=gender_female,gender_male&b=afinn_positive,afinn_negative";
        var rows = (await http.GetFromJsonAsync<JsonElement[]>($"api/runs/{runId}/associations?{query}"))!;
        Assert.NotEmpty(rows);
        var series = rows.Select(r => (r.GetProperty("source").GetString(), r.GetProperty("setA").GetString(),
            r.GetProperty("setB").GetString())).Distinct().Count();
        Assert.Equal(2 * 2 * 2, series); // ledger and generations × two sets A × two sets B
        var steps = rows.Select(r => r.GetProperty("step").GetInt64()).Distinct().Count();
        var flagged = rows.Count(r => r.GetProperty("nullP") is { ValueKind: JsonValueKind.Number } p
            && p.GetDouble() < 0.05);
        await page.WaitForSelectorAsync("#associations-card-chart.js-plotly-plot");
        Assert.Equal(series.ToString(), await page.GetAttributeAsync("#associations-card-chart", "data-rows"));
        Assert.Equal(steps.ToString(), await page.GetAttributeAsync("#associations-card-chart", "data-steps"));
        Assert.Equal(flagged.ToString(), await page.GetAttributeAsync("#associations-card-chart", "data-flagged"));
        Assert.Equal(rows.Count(r => r.GetProperty("pmi").ValueKind == JsonValueKind.Number),
            await page.ChartAsync<int>("associations-card-chart", "c.data[0].z.flat().filter(v => v != null).length"));
        var labels = await page.ChartAsync<string[]>("associations-card-chart", "c.data[0].y");
        Assert.Contains(labels, l => l.StartsWith("ledger", StringComparison.Ordinal));
        Assert.Contains(labels, l => l.StartsWith("generations", StringComparison.Ordinal));

        // One set B: half the rows, reloaded from the table.
        await page.SelectOptionAsync("#association-b", ["afinn_negative"]);
        await page.WaitUntilAsync("document.getElementById('associations-card-chart').dataset.rows === '4'");
        Assert.All(await page.ChartAsync<string[]>("associations-card-chart", "c.data[0].y"),
            l => Assert.EndsWith("× afinn_negative", l));
    }
}
