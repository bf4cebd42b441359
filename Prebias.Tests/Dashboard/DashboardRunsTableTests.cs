using System.Globalization;
using Prebias.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Prebias.Tests.Dashboard;

/// <summary>The runs table on the real runs of <see cref="DashboardExperiment"/>: search, sort, group, overlay, step slider.</summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardRunsTableTests(ApiFixture api, ITestOutputHelper output)
{
    [Fact]
    public async Task RunsTable_SearchesSortsGroupsSeedsAndOverlaysTickedGroups_WithAStepSlider()
    {
        var experimentId = await DashboardExperiment.GetIdAsync(api);
        using var client = api.CreateClient();
        var runs = (await client.GetJsonAsync("/api/runs?limit=1000")).EnumerateArray().ToList();
        var ours = runs.Where(r => r.GetProperty("experimentId").ToString() == experimentId).ToList();
        Assert.Equal(6, ours.Count);
        await using var server = new DashboardServer(api);
        await using var browser = await Browser.LaunchAsync();
        var page = browser.Page;
        await page.GotoAsync($"{server.Dashboard}#runs");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('#runs-table tbody tr').length === {runs.Count}");
        Assert.Equal(runs.Count.ToString(CultureInfo.InvariantCulture), (await page.InnerTextAsync("#run-count")).Trim('(', ')'));

        // Search by experiment id: its six runs; the ordering filter keeps the sorted three.
        await page.FillAsync("#runs-search", experimentId);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#runs-table tbody tr').length === 6");
        await page.SelectOptionAsync("#runs-ordering", "sort_desc · sentiment");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#runs-table tbody tr').length === 3");
        Assert.All(await page.Locator("#runs-table tbody tr td:nth-child(4)").AllInnerTextsAsync(), o => Assert.Equal("sort_desc · sentiment", o));
        await page.SelectOptionAsync("#runs-ordering", "");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#runs-table tbody tr').length === 6");

        // Sort by final val loss, ascending: the shown losses are the API's, in order.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#runs-table td.val-loss')].filter(td => td.innerText !== '–').length === 6");
        await page.ClickAsync("#runs-table th[data-sort='valLoss']");
        var losses = (await page.Locator("#runs-table td.val-loss").AllInnerTextsAsync())
            .Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(losses.Order().ToList(), losses);

        // Group by config: the six runs become two rows of three seeds, each with mean ± SD of the final val loss.
        await page.CheckAsync("#runs-group");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#runs-table tbody tr')].filter(r => r.dataset.runs === '3').length === 2");
        Assert.All(await page.Locator("#runs-table tbody tr[data-runs='3'] td.val-loss").AllInnerTextsAsync(), t => Assert.Contains("±", t));
        Assert.Equal(new[] { "1, 2, 3", "1, 2, 3" }, (await page.Locator("#runs-table tbody tr[data-runs='3'] td:nth-child(5)").AllInnerTextsAsync()).Order().Select(s => string.Join(", ", s.Split(", ").Order())));

        // Tick both groups: a mean line with a min–max band each.
        foreach (var tick in await page.Locator("#runs-table tbody tr[data-runs='3'] input[type=checkbox]").AllAsync()) await tick.CheckAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('overlay-chart').dataset.traces === '2'");
        Assert.Equal(6, await page.EvaluateAsync<int>("() => document.getElementById('overlay-chart').data.length"));
        Assert.All(await page.EvaluateAsync<string[]>("() => document.getElementById('overlay-chart').data.filter(t => t.name).map(t => t.name)"),
            n => Assert.EndsWith("(mean of 3)", n));

        // Step slider at checkpoint 2: every ticked run's val loss there, as the API has it.
        var index = Array.IndexOf(DashboardExperiment.Checkpoints, 2L);
        await page.EvalOnSelectorAsync("#overlay-step", $"(s) => {{ s.value = '{index}'; s.dispatchEvent(new Event('input')); }}");
        await page.WaitForFunctionAsync("() => document.getElementById('overlay-step').dataset.step === '2'");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#overlay-at-step tbody tr').length === 6");
        foreach (var run in ours)
        {
            var id = run.GetProperty("id").GetString();
            var checkpoint = (await client.GetJsonAsync($"/api/runs/{id}/checkpoints")).EnumerateArray().Single(c => c.GetProperty("step").GetInt64() == 2);
            var shown = await page.InnerTextAsync($"#overlay-at-step tr[data-run-id='{id}'] td[data-key='valLoss']");
            Assert.Equal(checkpoint.GetProperty("valLoss").GetDouble(), double.Parse(shown, CultureInfo.InvariantCulture), 3);
            Assert.Equal("2", await page.InnerTextAsync($"#overlay-at-step tr[data-run-id='{id}'] td[data-key='checkpoint']"));
        }

        // An output metric, on a log step axis.
        await page.SelectOptionAsync("#overlay-quantity", "output:sentiment");
        await page.CheckAsync("#overlay-log");
        await page.WaitForFunctionAsync("() => document.getElementById('overlay-chart').layout.xaxis.type === 'log'");
        Assert.Equal("step (log scale)", await page.EvaluateAsync<string>("() => document.getElementById('overlay-chart').layout.xaxis.title.text"));
        output.WriteLine(await Screenshots.SaveAsync(page, "runs-table"));

        browser.AssertClean();
    }
}
