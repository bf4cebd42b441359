using System.Text.Json;
using Microsoft.Playwright;
using Prebias.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Prebias.Tests.Dashboard;

/// <summary>
/// The evaluation and experiment views drawn from the documented response shapes (<see cref="EvaluationStubs"/>),
/// on the real run, checkpoints and attention of <see cref="DashboardRun"/>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardEvaluationViewsTests(ApiFixture api, ITestOutputHelper output)
{
    [Fact]
    public async Task Dashboard_DrawsSaturationBiasCheckpointViewsAndExperiment_FromTheDocumentedShapes()
    {
        var runId = await DashboardRun.GetIdAsync(api);
        await using var server = new DashboardServer(api);
        await using var browser = await Browser.LaunchAsync();
        var page = browser.Page;
        await EvaluationStubs.InstallAsync(page, runId);
        await page.GotoAsync($"{server.Dashboard}#run/{runId}");

        // Saturation: 3 metrics, all on (up to 4 are on at first): 2 input traces (cumulative, window) and 1 output each.
        await page.WaitForFunctionAsync("() => document.getElementById('saturation-output').data?.length > 0");
        Assert.Equal(6, await TraceCountAsync(page, "saturation-input"));
        Assert.Equal(3, await TraceCountAsync(page, "saturation-output"));
        await page.ClickAsync("#saturation-metrics .chip[data-metric='gender_he_share']");
        Assert.Equal(4, await TraceCountAsync(page, "saturation-input"));
        Assert.Equal(2, await TraceCountAsync(page, "saturation-output"));
        Assert.Equal(1, await page.Locator("#saturation-metrics .chip.off").CountAsync());

        // Normalised: sentiment output 0.02..0.16 becomes (v − 0.02) / 0.14.
        await page.ClickAsync("label:has(input[name='saturation-scale'][value='norm'])");
        var normalised = await page.EvaluateAsync<double[]>("() => document.getElementById('saturation-output').data.find(t => t.name === 'sentiment').y");
        Assert.Equal(new[] { 0, 1 / 14.0, 6 / 14.0, 10 / 14.0, 13 / 14.0, 1 }, normalised, new ToleranceComparer(1e-9));

        // Bias: she_he has doctor, nurse, pilot and the mean; minimal_pairs only the mean.
        Assert.Equal("she_he", await page.InputValueAsync("#bias-probe"));
        Assert.Equal("""["doctor","nurse","pilot","mean"]""", await page.EvaluateAsync<string>("() => JSON.stringify(document.getElementById('bias-chart').data.map(t => t.name))"));
        await page.SelectOptionAsync("#bias-probe", "minimal_pairs");
        Assert.Equal(1, await TraceCountAsync(page, "bias-chart"));
        await page.SelectOptionAsync("#bias-probe", "she_he");

        await DashboardTests.AttentionTracesAsync(page, "a", "12");
        output.WriteLine(await Screenshots.SaveAsync(page, "evaluated"));

        // Embeddings: 60 points; the hover data carries each token's id and readable piece.
        await page.ClickAsync(".tabs button[data-tab='embeddings']");
        await page.WaitForSelectorAsync("#embeddings-a[data-step='12'].js-plotly-plot");
        Assert.Equal(60, await page.EvaluateAsync<int>("() => document.getElementById('embeddings-a').data[0].x.length"));
        Assert.Equal("""[5,"␣w5"]""", await page.EvaluateAsync<string>("() => JSON.stringify(document.getElementById('embeddings-a').data[0].customdata[5])"));
        Assert.True(await page.Locator("#attention-query-option").IsHiddenAsync());
        output.WriteLine(await Screenshots.SaveElementAsync(page, "#checkpoint-card", "embeddings"));

        await page.ClickAsync(".tabs button[data-tab='layers']");
        await page.WaitForSelectorAsync("#layers-a[data-step='12'].js-plotly-plot");
        Assert.Equal("[[1,0.62],[0.62,1]]", await page.EvaluateAsync<string>("() => JSON.stringify(document.getElementById('layers-a').data[0].z)"));
        output.WriteLine(await Screenshots.SaveElementAsync(page, "#checkpoint-card", "layers"));

        // Generations side by side: A at step 12 and B at step 2, four stories each.
        await page.ClickAsync(".tabs button[data-tab='generations']");
        await page.CheckAsync("#compare-toggle");
        await page.SelectOptionAsync("#checkpoint-b", "2");
        await page.WaitForSelectorAsync("#generations-b[data-step='2']");
        Assert.Equal(4, await page.Locator("#generations-a .generation").CountAsync());
        Assert.Equal(4, await page.Locator("#generations-b .generation").CountAsync());
        Assert.Contains("She helped the sick cat.", await page.InnerTextAsync("#generations-a"));
        output.WriteLine(await Screenshots.SaveElementAsync(page, "#checkpoint-card", "generations"));

        // Experiment: per ordering a band (upper, lower) and a mean line; the table's Δ is 0.16 − 0.10 at step 12.
        await page.ClickAsync($"#experiment-list li[data-experiment-id='{EvaluationStubs.ExperimentId}']");
        await page.WaitForFunctionAsync("() => document.getElementById('comparison-chart').data?.length > 0");
        Assert.Equal("sentiment", await page.InputValueAsync("#comparison-metric"));
        Assert.Equal(6, await TraceCountAsync(page, "comparison-chart"));
        Assert.Equal("""["shuffle (baseline)","sort_desc:sentiment"]""",
            await page.EvaluateAsync<string>("() => JSON.stringify(document.getElementById('comparison-chart').data.filter(t => t.name).map(t => t.name))"));
        Assert.Equal("0.0600", await page.InnerTextAsync("#comparison-table tbody tr:nth-child(2) td:last-child"));
        Assert.Equal(1, await page.Locator($"#experiment-header a[data-run-id='{runId}']").CountAsync());
        output.WriteLine(await Screenshots.SaveAsync(page, "experiment"));

        Assert.Empty(browser.PageErrors);
        Assert.Empty(browser.ConsoleErrors);
    }

    private static Task<int> TraceCountAsync(IPage page, string id) =>
        page.EvaluateAsync<int>($"() => document.getElementById('{id}').data.length");

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
