using System.Net;
using Prebias.Tests.Infrastructure;
using Prebias.Tests.Pipeline;
using Xunit.Abstractions;

namespace Prebias.Tests.Dashboard;

/// <summary>
/// Cancel and delete from the page, and the error and empty states: an unknown id says "not found", a queued
/// experiment says what it waits for, and at 800 px nothing is clipped. No gpu worker runs here, so new runs stay
/// queued.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardControlTests(ApiFixture api, ITestOutputHelper output)
{
    [Fact]
    public async Task CancelAndDelete_FromTheRunPage_ThenTheRunIsNotFound()
    {
        var p = await PipelineFixture.GetAsync(api);
        var (runId, _) = await p.Client.PostWorkAsync("/api/runs", new
        {
            name = "dashboard cancel", datasetId = p.DatasetId, seed = 4,
            model = new { preset = "stories260k", dim = 32, nLayers = 1, nHeads = 2, nKvHeads = 2 },
            training = new { batchSize = 4, maxIters = 100_000, evalInterval = 50_000, evalIters = 1 },
        });
        // Whatever fails below, the run must not wait for a later test's gpu worker to train 100 000 steps.
        try { await CancelAndDeleteAsync(runId, p); }
        finally { await p.Client.DeleteAsync($"/api/runs/{runId}"); }
    }

    private async Task CancelAndDeleteAsync(string runId, PipelineFixture p)
    {
        await using var server = new DashboardServer(api);
        await using var browser = await Browser.LaunchAsync();
        var page = browser.Page;
        // The API key prompt, then "delete for good?".
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(ApiFixture.ApiKey);
        await page.GotoAsync($"{server.Dashboard}#run/{runId}");
        await page.WaitForSelectorAsync("#run-header .badge.Queued");
        Assert.Equal(0, await page.Locator("#run-header button.delete").CountAsync());

        await page.ClickAsync("#run-header button.cancel");
        await page.WaitForSelectorAsync("#run-header .badge.Cancelled");
        Assert.Equal("Cancelled", (await p.Client.GetJsonAsync($"/api/runs/{runId}")).GetProperty("state").GetString());
        output.WriteLine(await Screenshots.SaveElementAsync(page, "#run-header", "cancelled"));

        await page.ClickAsync("#run-header button.delete");
        await page.WaitForSelectorAsync("#not-found-view:not([hidden])");
        Assert.Contains(runId, await page.InnerTextAsync("#not-found-message"));
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/runs/{runId}")).StatusCode);
        browser.AssertClean();
    }

    [Fact]
    public async Task ErrorStates_SayNotFoundAndWaiting_AndNothingIsClippedAt800Pixels()
    {
        var p = await PipelineFixture.GetAsync(api);
        var (experimentId, _) = await p.Client.PostWorkAsync("/api/experiments/durability", new
        {
            name = "dashboard waiting", datasetId = p.DatasetId,
            model = new { preset = "stories260k", dim = 32, nLayers = 1, nHeads = 2, nKvHeads = 2 },
            training = new { batchSize = 4, maxIters = 100_000, evalInterval = 50_000, evalIters = 1 },
            orderings = new[] { new { method = "sort_asc", metric = "sentiment" } },
            initSeeds = new[] { 1 },
        });
        try { await ErrorStatesAsync(experimentId); }
        finally { await p.Client.DeleteAsync($"/api/experiments/{experimentId}"); }
    }

    private async Task ErrorStatesAsync(string experimentId)
    {
        await using var server = new DashboardServer(api);
        await using var browser = await Browser.LaunchAsync();
        var page = browser.Page;
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(ApiFixture.ApiKey);

        foreach (var kind in new[] { "run", "experiment", "dataset", "corpus" })
        {
            var unknown = Guid.NewGuid();
            await page.GotoAsync($"{server.Dashboard}#{kind}/{unknown}");
            // Only the hash changes between these pages: wait for this id's message, not any "not found".
            await page.WaitUntilAsync($"document.querySelector('#not-found-message').innerText.includes('{unknown}')");
            Assert.True(await page.Locator("#not-found-view").IsVisibleAsync());
            Assert.Contains($"No {kind} with id \"{unknown}\"", await page.InnerTextAsync("#not-found-message"));
            Assert.True(await page.Locator("#empty-view").IsHiddenAsync());
        }

        // A queued experiment: what it waits for, never "undefined" or "-Infinity"; n = 1 seed is warned about once
        // there are results, and until then the verdict table waits.
        await page.GotoAsync($"{server.Dashboard}#experiment/{experimentId}");
        await page.WaitForSelectorAsync("#verdict-table .notice");
        var waiting = await page.InnerTextAsync("#experiment-view");
        Assert.Contains("Waiting for results: 0 of 2 runs trained", waiting);
        Assert.DoesNotContain("undefined", waiting);
        Assert.DoesNotContain("Infinity", waiting);
        Assert.DoesNotContain("NaN", waiting);
        // One name per state: the queued runs and jobs say "Queued", never "Pending", "Awaiting" or "Enqueued".
        var everything = await page.InnerTextAsync("body");
        foreach (var other in new[] { "Pending", "Awaiting", "Enqueued", "Processing" })
            Assert.DoesNotContain(other, everything);

        await page.SetViewportSizeAsync(800, 900);
        await page.GotoAsync($"{server.Dashboard}#runs");
        await page.WaitForSelectorAsync("#runs-table tbody tr");
        var fits = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 800");
        Assert.True(fits, "the page scrolls sideways at 800 px");
        var clipped = await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('.sidebar .badge, #runs-table .badge')].filter(b => {
              const box = b.getBoundingClientRect();
              const host = b.closest('.sidebar, .table-scroll').getBoundingClientRect();
              return box.width > 0 && (box.right > host.right + 0.5 || box.left < host.left - 0.5);
            }).length
            """);
        Assert.Equal(0, clipped);
        output.WriteLine(await Screenshots.SaveAsync(page, "narrow"));

        // The experiment's cancel button stops its runs.
        await page.SetViewportSizeAsync(1440, 900);
        await page.GotoAsync($"{server.Dashboard}#experiment/{experimentId}");
        await page.ClickAsync("#experiment-header button.cancel");
        await page.WaitForSelectorAsync("#experiment-header .badge.Cancelled");
        await page.WaitUntilAsync("document.getElementById('verdict-table').innerText.includes('cancelled')");
        browser.AssertClean();
    }
}
