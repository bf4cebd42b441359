using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Prebias.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Prebias.Tests.Dashboard;

/// <summary>
/// The dashboard page in headless Chromium against the API on Kestrel (under a path prefix), with a tiny run trained
/// through the public API. Screenshots go to TestResults/dashboard/ at the repository root (printed in the output).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardTests(ApiFixture api, ITestOutputHelper output)
{
    [Fact]
    public async Task Dashboard_ListsRunDrawsLossAndRedrawsAttention_WhenCheckpointChanges()
    {
        var runId = await DashboardRun.GetIdAsync(api);
        await using var server = new DashboardServer(api);
        await using var browser = await Browser.LaunchAsync();
        var page = browser.Page;

        await page.GotoAsync($"{server.Dashboard}#run/{runId}");
        await page.WaitForFunctionAsync($"() => document.getElementById('run-header').innerText.includes('{runId}')");
        Assert.Contains(DashboardRun.Name, await page.InnerTextAsync("#run-header h2"));

        // Loss: the per-step train loss (steps 0..11) and the validation loss at the 6 checkpoints.
        await page.WaitForFunctionAsync("() => document.getElementById('loss-chart').data?.length > 0");
        var loss = await page.EvaluateAsync<string>("() => JSON.stringify(document.getElementById('loss-chart').data.map(t => ({ name: t.name, points: t.x.length })))");
        Assert.Equal("""[{"name":"train","points":12},{"name":"val","points":6}]""", loss);

        // The checkpoint selectors list every checkpoint; A starts at the last one.
        var steps = await page.EvalOnSelectorAllAsync<string[]>("#checkpoint-a option", "options => options.map(o => o.value)");
        Assert.Equal(new[] { "0", "1", "2", "4", "8", "12" }, steps);
        Assert.Equal("12", await page.InputValueAsync("#checkpoint-a"));

        // --- Depends on GET api/runs/{id}/checkpoints/{step}/attention (CheckpointViewsApi) ---
        var attention12 = await AttentionTracesAsync(page, "a", "12");
        Assert.Equal(2 * 4, attention12.GetArrayLength()); // 2 layers × 4 heads
        var probeLength = (await api.CreateClient().GetJsonAsync($"/api/runs/{runId}/checkpoints/12/attention")).GetProperty("shape")[2].GetInt32();
        Assert.Equal(probeLength, attention12[0].GetProperty("rows").GetInt32());
        // Causal softmax: the first token can attend only to itself, so its weight is exactly 1.
        Assert.Equal(1.0, attention12[0].GetProperty("first").GetDouble(), 5);

        await page.SelectOptionAsync("#checkpoint-a", "0");
        var attention0 = await AttentionTracesAsync(page, "a", "0");
        Assert.Equal(2 * 4, attention0.GetArrayLength());
        Assert.NotEqual(attention12[0].GetProperty("sum").GetDouble(), attention0[0].GetProperty("sum").GetDouble());
        // Every query row sums to 1, so each head's T×T map sums to T.
        Assert.All(attention0.EnumerateArray(), t => Assert.Equal(probeLength, t.GetProperty("sum").GetDouble(), 3));

        // One query token: a single heatmap, a row per (layer, head), keys 0..3.
        await page.SelectOptionAsync("#attention-query", "3");
        await page.WaitForFunctionAsync("() => document.getElementById('attention-a').data?.length === 1");
        Assert.Equal("[8,4]", await page.EvaluateAsync<string>("() => { const z = document.getElementById('attention-a').data[0].z; return JSON.stringify([z.length, z[0].length]); }"));
        output.WriteLine(await Screenshots.SaveElementAsync(page, "#checkpoint-card", "attention-row"));
        await page.SelectOptionAsync("#attention-query", "-1");

        // Side by side: B at step 4.
        await page.CheckAsync("#compare-toggle");
        await page.SelectOptionAsync("#checkpoint-b", "4");
        Assert.Equal(2 * 4, (await AttentionTracesAsync(page, "b", "4")).GetArrayLength());
        Assert.Equal(2 * 4, (await AttentionTracesAsync(page, "a", "0")).GetArrayLength());
        // --- end of the attention-dependent part ---

        await AssertEvaluationViewsAsync(page, runId);
        output.WriteLine(await Screenshots.SaveAsync(page, "run"));
        output.WriteLine(await Screenshots.SaveElementAsync(page, "#checkpoint-card", "attention-compare"));

        // Without the prefix the same page works too (UsePathBase leaves unprefixed paths alone).
        await page.GotoAsync($"{server.Root}#run/{runId}");
        await page.WaitForFunctionAsync($"() => document.getElementById('run-header').innerText.includes('{runId}')");
        await page.WaitForFunctionAsync("() => document.getElementById('loss-chart').data?.length === 2");

        browser.AssertClean();
    }

    /// <summary>Waits until side a/b shows <paramref name="step"/>, then per trace: rows, z[0][0], and the sum of z.</summary>
    internal static async Task<JsonElement> AttentionTracesAsync(IPage page, string side, string step)
    {
        await page.WaitForSelectorAsync($"#attention-{side}[data-step='{step}'].js-plotly-plot");
        return await page.EvaluateAsync<JsonElement>($$"""
            () => document.getElementById('attention-{{side}}').data.map(t => ({
              rows: t.z.length, first: t.z[0][0], sum: t.z.flat().reduce((s, v) => s + (v ?? 0), 0) }))
            """);
    }

    /// <summary>
    /// The evaluated run's saturation (a panel per metric, then raw), bias probes with readable names and direct
    /// labels, accuracy and PMI associations, and the embeddings, layer similarity and generations tabs (with each
    /// text's metric scores).
    /// </summary>
    private static async Task AssertEvaluationViewsAsync(IPage page, string runId)
    {
        using var http = new HttpClient { BaseAddress = new Uri(page.Url) };
        var rows = (await http.GetFromJsonAsync<JsonElement[]>($"api/runs/{runId}/saturation"))!;
        Assert.NotEmpty(rows); // the fixture evaluated the run
        // Default: one panel per metric switched on, each with input cumulative, input window and output.
        var enabled = await page.Locator("#saturation-metrics .chip:not(.off)").CountAsync();
        Assert.True(enabled > 0);
        await page.WaitForCountAsync("#saturation-panels .js-plotly-plot", enabled);
        var panels = await page.EvalOnSelectorAllAsync<int[]>(
            "#saturation-panels .js-plotly-plot", "cs => cs.map(c => c.data.length)");
        Assert.All(panels, n => Assert.Equal(3, n));
        // Raw: every metric on one input chart (window and cumulative) and one output chart.
        await page.ClickAsync("label:has(input[name='saturation-scale'][value='raw'])");
        await page.WaitForFunctionAsync("() => document.getElementById('saturation-input').data?.length > 0");
        Assert.Equal(2 * enabled, await page.TraceCountAsync("saturation-input"));
        Assert.Equal(enabled, await page.TraceCountAsync("saturation-output"));
        await page.ClickAsync("label:has(input[name='saturation-scale'][value='panels'])");

        // Bias: human names (no "_mean"), a label at the end of each line; minimal pairs with the 0.5 line.
        var names = await page.ChartAsync<string[]>("bias-chart", "c.data.map(t => t.name)");
        Assert.Contains("mean over occupations", names);
        Assert.DoesNotContain(names, n => n.StartsWith('_'));
        Assert.Equal(names.Length, await page.ChartAsync<int>("bias-chart", "c.layout.annotations.length"));
        await page.SelectOptionAsync("#bias-probe", "minimal_pairs");
        await page.WaitUntilAsync("document.getElementById('bias-chart').dataset.probe === 'minimal_pairs'");
        Assert.Equal(0.5, await page.ChartAsync<double>("bias-chart", "c.layout.shapes[0].y0"));
        Assert.Equal("minimal pairs", await page.InnerTextAsync("#bias-probe option:checked"));
        await RunMeasuresViews.AssertAsync(page, http, runId);

        var last = DashboardRun.Checkpoints[^1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        await page.CheckAsync("#compare-toggle");
        await page.UncheckAsync("#compare-toggle");
        await page.SelectOptionAsync("#checkpoint-a", last);
        await page.ClickAsync(".tabs button[data-tab='embeddings']");
        await page.WaitForSelectorAsync($"#embeddings-a[data-step='{last}'].js-plotly-plot");
        // A and B side by side share their axes.
        await page.CheckAsync("#compare-toggle");
        await page.SelectOptionAsync("#checkpoint-b", "4");
        await page.WaitForSelectorAsync("#embeddings-b[data-step='4'].js-plotly-plot");
        await page.WaitForFunctionAsync("""
            () => ['xaxis', 'yaxis'].every(a => JSON.stringify(document.getElementById('embeddings-a').layout[a].range)
              === JSON.stringify(document.getElementById('embeddings-b').layout[a].range))
            """);
        await page.UncheckAsync("#compare-toggle");
        await page.ClickAsync(".tabs button[data-tab='layers']");
        await page.WaitForSelectorAsync($"#layers-a[data-step='{last}'].js-plotly-plot");
        Assert.Equal(DashboardRun.Layers, await page.ChartAsync<int>("layers-a", "c.data[0].z.length"));

        // Generations: every stored text, with its metric scores as the scores endpoint computes them.
        await page.ClickAsync(".tabs button[data-tab='generations']");
        await page.WaitForSelectorAsync($"#generations-a[data-step='{last}']");
        var checkpoint = $"api/runs/{runId}/checkpoints/{last}";
        var generations = (await http.GetFromJsonAsync<JsonElement[]>($"{checkpoint}/generations"))!;
        var scores = (await http.GetFromJsonAsync<JsonElement[]>($"{checkpoint}/generations/scores"))!;
        Assert.Equal(generations.Length, scores.Length);
        Assert.Equal(generations.Length, await page.Locator("#generations-a .generation").CountAsync());
        var scored = page.Locator("#generations-a .generation .metric-chip[data-metric='sentiment']");
        Assert.Equal(generations.Length, await scored.CountAsync());
        Assert.DoesNotContain("\uFFFD", await page.InnerTextAsync("#generations-a"));
        var experiments = await http.GetAsync("api/experiments");
        var hidden = await page.Locator("#experiments-section").IsHiddenAsync();
        Assert.Equal(experiments.StatusCode == HttpStatusCode.NotFound, hidden);
        await page.ClickAsync(".tabs button[data-tab='attention']");
    }
}
