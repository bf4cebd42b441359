using System.Globalization;
using System.Text.Json;
using Prebias.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Prebias.Tests.Dashboard;

/// <summary>
/// The experiment view on the real experiment of <see cref="DashboardExperiment"/>: verdicts, curves, divergence, bias.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardExperimentTests(ApiFixture api, ITestOutputHelper output)
{
    [Fact]
    public async Task VerdictTable_ShowsTheComparisonSortedByEffectSize_AtTheLastAndAChosenCheckpoint()
    {
        var id = await DashboardExperiment.GetIdAsync(api);
        using var client = api.CreateClient();
        var comparison = await client.GetJsonAsync($"/api/experiments/{id}/comparison");
        var endPoint = comparison.GetProperty("endPoint").EnumerateArray().ToList();
        Assert.NotEmpty(endPoint);
        await using var server = new DashboardServer(api);
        await using var browser = await Browser.LaunchAsync();
        var page = browser.Page;
        await page.GotoAsync($"{server.Dashboard}#experiment/{id}");
        await page.WaitForSelectorAsync("#verdict-table[data-step='last'] tr.verdict-row");

        // Every metric × ordering of the comparison, sorted by |effect size| (rows without one last).
        var shown = await VerdictRowsAsync(page);
        Assert.Equal(endPoint.Count, shown.Count);
        var expected = endPoint.OrderByDescending(e => Magnitude(e)).Select(Magnitude).ToList();
        Assert.Equal(expected, shown.Select(r => Magnitude(endPoint.Single(e => Key(e) == r.Key))).ToList());
        foreach (var row in shown)
        {
            var e = endPoint.Single(x => Key(x) == row.Key);
            Assert.Equal(Verdict(e), row.Verdict);
            Assert.Equal($"{e.GetProperty("nOrdering").GetInt32()} vs {e.GetProperty("nBaseline").GetInt32()}", row.N);
            Assert.Equal(DashboardExperiment.Checkpoints[^1].ToString(CultureInfo.InvariantCulture), row.Step);
            Assert.Equal(e.GetProperty("ciLower").ValueKind == JsonValueKind.Null, row.Ci == "–");
        }
        // Three seeds in each group: enough for a verdict, so no warning.
        Assert.True(await page.Locator("#verdict-warning").IsHiddenAsync());
        // The seeds are named per ordering and link to their runs.
        Assert.Equal(6, await page.Locator("#experiment-header a.seed-link").CountAsync());
        var group = $"#experiment-header .seed-group[data-ordering='{DashboardExperiment.Ordering}']";
        var seeds = await page.TextsAsync($"{group} a");
        Assert.Equal(["seed 1", "seed 2", "seed 3"], seeds);
        output.WriteLine(await Screenshots.SaveAsync(page, "experiment"));

        // At a chosen checkpoint: the verdicts as they stood at step 2, from the verdicts endpoint.
        await page.SelectOptionAsync("#verdict-step", "2");
        await page.WaitForSelectorAsync("#verdict-table[data-step='2'] tr.verdict-row");
        var atTwo = (await client.GetJsonAsync($"/api/experiments/{id}/verdicts?step=2")).EnumerateArray().ToList();
        var shownAtTwo = await VerdictRowsAsync(page);
        Assert.Equal(atTwo.Count, shownAtTwo.Count);
        Assert.All(shownAtTwo, r => Assert.Equal("2", r.Step));
        Assert.All(shownAtTwo, r => Assert.Equal(Verdict(atTwo.Single(e => Key(e) == r.Key)), r.Verdict));
        var badStep = await client.GetAsync($"/api/experiments/{id}/verdicts?step=-1");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badStep.StatusCode);
        Assert.Contains("\"step\"", await badStep.Content.ReadAsStringAsync());
        // At the last step the verdicts are the comparison's own.
        var atLast = (await client.GetJsonAsync($"/api/experiments/{id}/verdicts")).EnumerateArray().ToList();
        Assert.Equal(endPoint.Select(e => e.ToString()), atLast.Select(e => e.ToString()));
        var download = await page.GetAttributeAsync("#verdict-download", "data-href");
        Assert.Equal($"api/experiments/{id}/verdicts?step=2&format=csv", download);
        Assert.StartsWith("metric,ordering,step,", await client.GetStringAsync("/" + download));

        // A click on a row opens that metric's curve: one mean line and a band per ordering.
        var last = shownAtTwo[^1];
        await page.ClickAsync($"#verdict-table tr.verdict-row[data-metric='{last.Metric}']");
        await page.WaitUntilAsync($"document.getElementById('comparison-chart').dataset.metric === '{last.Metric}'");
        Assert.Equal(last.Metric, await page.InputValueAsync("#comparison-metric"));
        Assert.Equal(6, await page.TraceCountAsync("comparison-chart"));
        await page.CheckAsync("#comparison-log");
        await page.WaitUntilAsync("document.getElementById('comparison-chart').layout.xaxis.type === 'log'");

        // Divergence small multiples (val-loss gap, KL, CKA) and bias summaries, one line per non-baseline ordering.
        await page.WaitForCountAsync("#divergence-chart .js-plotly-plot", 3);
        var divergenceTraces = await page.EvalOnSelectorAllAsync<int[]>(
            "#divergence-chart .js-plotly-plot", "charts => charts.map(c => c.data.length)");
        Assert.All(divergenceTraces, n => Assert.Equal(1, n));
        var minimalPairs = await page.EvaluateAsync<double>(
            "() => document.querySelector(`#experiment-bias-chart [data-panel='minimal_pairs|_all']`).layout.shapes[0].y0");
        Assert.Equal(0.5, minimalPairs);
        output.WriteLine(await Screenshots.SaveAsync(page, "experiment-curves"));

        browser.AssertClean();
    }

    private static double Magnitude(JsonElement e) =>
        e.GetProperty("effectSize") is { ValueKind: JsonValueKind.Number } d ? Math.Abs(d.GetDouble()) : -1;

    private static string Key(JsonElement e) =>
        $"{e.GetProperty("metric").GetString()}|{e.GetProperty("ordering").GetString()}";

    private static string? Verdict(JsonElement e) => e.GetProperty("verdict").GetString();

    private sealed record VerdictRow(string Metric, string Ordering, string Step, string Verdict, string Ci, string N)
    {
        public string Key => $"{Metric}|{Ordering}";
    }

    private static async Task<List<VerdictRow>> VerdictRowsAsync(Microsoft.Playwright.IPage page)
    {
        var rows = await page.EvalOnSelectorAllAsync<string[][]>("#verdict-table tr.verdict-row",
            "rows => rows.map(r => [r.dataset.metric, r.dataset.ordering, ...[...r.cells].map(c => c.innerText)])");
        // cells: metric, ordering, step, verdict, difference, CI, effect size, n, p, adjusted p, saturation step
        return [.. rows.Select(r => new VerdictRow(r[0], r[1], r[4], r[5], r[7], r[9]))];
    }
}
