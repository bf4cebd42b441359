using System.Globalization;
using Prebias.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Prebias.Tests.Dashboard;

/// <summary>
/// The runs table on the real runs of <see cref="DashboardExperiment"/>: search, sort, group, overlay, step slider.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardRunsTableTests(ApiFixture api, ITestOutputHelper output)
{
    private const string Rows = "#runs-table tbody tr";
    private const string Groups = "#runs-table tbody tr[data-runs='3']";

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
        await page.WaitForCountAsync(Rows, runs.Count);
        Assert.Equal($"({runs.Count.ToString(CultureInfo.InvariantCulture)})", await page.InnerTextAsync("#run-count"));

        // Search by experiment id: its six runs; the ordering filter keeps the sorted three.
        await page.FillAsync("#runs-search", experimentId);
        await page.WaitForCountAsync(Rows, 6);
        await page.SelectOptionAsync("#runs-ordering", "sort_desc · sentiment");
        await page.WaitForCountAsync(Rows, 3);
        Assert.All(await page.TextsAsync($"{Rows} td:nth-child(4)"), o => Assert.Equal("sort_desc · sentiment", o));
        await page.SelectOptionAsync("#runs-ordering", "");
        await page.WaitForCountAsync(Rows, 6);

        // Sort by final val loss, ascending: the shown losses are the API's, in order.
        await page.WaitUntilAsync(
            "[...document.querySelectorAll('#runs-table td.val-loss')].every(t => t.innerText !== '–')");
        await page.ClickAsync("#runs-table th[data-sort='valLoss']");
        var losses = (await page.TextsAsync("#runs-table td.val-loss"))
            .Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(losses.Order().ToList(), losses);

        // Group by config: the six runs become two rows of three seeds, each with mean ± SD of the final val loss.
        await page.CheckAsync("#runs-group");
        await page.WaitForCountAsync(Groups, 2);
        Assert.All(await page.TextsAsync($"{Groups} td.val-loss"), t => Assert.Contains("±", t));
        var seeds = (await page.TextsAsync($"{Groups} td:nth-child(5)"))
            .Select(s => string.Join(", ", s.Split(", ").Order()));
        Assert.Equal(["1, 2, 3", "1, 2, 3"], seeds);

        // Tick both groups: a mean line with a min–max band each.
        foreach (var tick in await page.Locator($"{Groups} input[type=checkbox]").AllAsync()) await tick.CheckAsync();
        await page.WaitUntilAsync("document.getElementById('overlay-chart').dataset.traces === '2'");
        Assert.Equal(6, await page.TraceCountAsync("overlay-chart"));
        var names = await page.ChartAsync<string[]>("overlay-chart", "c.data.filter(t => t.name).map(t => t.name)");
        Assert.All(names, n => Assert.EndsWith("(mean of 3)", n));

        // Step slider at checkpoint 2: every ticked run's val loss there, as the API has it.
        var index = Array.IndexOf(DashboardExperiment.Checkpoints, 2L);
        await page.EvalOnSelectorAsync("#overlay-step",
            $"s => {{ s.value = '{index}'; s.dispatchEvent(new Event('input')); }}");
        await page.WaitUntilAsync("document.getElementById('overlay-step').dataset.step === '2'");
        await page.WaitForCountAsync("#overlay-at-step tbody tr", 6);
        foreach (var run in ours)
        {
            var id = run.GetProperty("id").GetString();
            var checkpoint = (await client.GetJsonAsync($"/api/runs/{id}/checkpoints")).EnumerateArray()
                .Single(c => c.GetProperty("step").GetInt64() == 2);
            var row = $"#overlay-at-step tr[data-run-id='{id}']";
            var shown = await page.InnerTextAsync($"{row} td[data-key='valLoss']");
            var expected = checkpoint.GetProperty("valLoss").GetDouble();
            Assert.Equal(expected, double.Parse(shown, CultureInfo.InvariantCulture), 3);
            Assert.Equal("2", await page.InnerTextAsync($"{row} td[data-key='checkpoint']"));
        }

        // An output metric, on a log step axis.
        await page.SelectOptionAsync("#overlay-quantity", "output:sentiment");
        await page.CheckAsync("#overlay-log");
        await page.WaitUntilAsync("document.getElementById('overlay-chart').layout.xaxis.type === 'log'");
        Assert.Equal("step (log scale)", await page.ChartAsync<string>("overlay-chart", "c.layout.xaxis.title.text"));
        output.WriteLine(await Screenshots.SaveAsync(page, "runs-table"));
        browser.AssertClean();
    }
}
