using Microsoft.Playwright;
using Prebias.Tests.Infrastructure;
using Prebias.Tests.Pipeline;

namespace Prebias.Tests.Dashboard;

/// <summary>
/// A mixture of the pipeline's corpus (weight 3) and a tiny synthetic one (weight 1): its corpus page lists the parts
/// with their weights and links, and a dataset built on it shows the copied attributes in its header and sorts its
/// samples by <c>attr.origin</c> in the sample browser. Part of the data pages' test, so it shares its browser.
/// </summary>
public static class MixtureViews
{
    public sealed record Ids(string Small, string Mixture, string Dataset);

    /// <summary>The two corpora, a dataset on the mixture and its copied attributes (a few seconds of jobs).</summary>
    public static async Task<Ids> PrepareAsync(PipelineFixture p)
    {
        var client = p.Client;
        var (small, smallJob) = await client.PostWorkAsync("/api/corpora",
            new { name = "dashboard small part", source = PipelineFixture.SyntheticSource(31, 20) });
        await client.WaitForSuccessAsync(smallJob);
        var (mixture, mixtureJob) = await client.PostWorkAsync("/api/corpora", new
        {
            name = "dashboard mixture",
            source = new
            {
                kind = "mixture", size = 40, seed = 2,
                parts = new[] { new { corpusId = p.CorpusId, weight = 3.0 }, new { corpusId = small, weight = 1.0 } },
            },
        });
        await client.WaitForSuccessAsync(mixtureJob);
        var (dataset, datasetJob) = await client.PostWorkAsync("/api/datasets",
            new { corpusId = mixture, tokenizerId = p.TokenizerId, maxSeqLen = 64, valFraction = 0.1, seed = 5 });
        await client.WaitForSuccessAsync(datasetJob);
        var (_, copyJob) = await client.PostWorkAsync($"/api/datasets/{dataset}/attributes", new { });
        await client.WaitForSuccessAsync(copyJob);
        return new Ids(small, mixture, dataset);
    }

    /// <returns>Screenshot paths, for the test output.</returns>
    public static async Task<string[]> AssertAsync(IPage page, Uri dashboard, Ids ids)
    {
        // The mixture's page: both parts, in origin order, with weight and share, linked to their corpora.
        await page.GotoAsync($"{dashboard}#corpus/{ids.Mixture}");
        await page.WaitForCountAsync("#corpus-header .mixture-part", 2);
        var parts = await page.TextsAsync("#corpus-header .mixture-part");
        Assert.StartsWith("origin 0: synthetic weight 3 (75%)", parts[0]);
        Assert.StartsWith("origin 1: dashboard small part weight 1 (25%)", parts[1]);
        Assert.Contains("size 40, seed 2", await page.InnerTextAsync("#corpus-header .mixture"));
        await page.WaitForCountAsync("#corpus-documents .sample", 10);
        Assert.Equal(1, await page.Locator("#corpus-header .document-attributes .dial[data-attribute='origin']")
            .CountAsync());
        var corpusShot = await Screenshots.SaveAsync(page, "mixture-corpus");
        await page.ClickAsync("#corpus-header .mixture-part[data-origin='1'] a.corpus-link");
        await page.WaitUntilAsync($"location.hash === '#corpus/{ids.Small}'");

        // Its dataset: attr.* means in the header (a quarter of the documents come from part 1).
        await page.GotoAsync($"{dashboard}#dataset/{ids.Dataset}");
        const string origin = "#dataset-header .attributes .dial[data-metric='attr.origin']";
        await page.WaitForSelectorAsync(origin);
        Assert.Equal("attr.origin = 0.250", await page.InnerTextAsync(origin));

        // The sample browser lists attributes apart and sorts by one: part 1's 10 samples first.
        await page.WaitForSelectorAsync("#sample-sort optgroup option[value='attr.origin']",
            new() { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#sample-sort", "attr.origin");
        await page.SelectOptionAsync("#sample-order", "desc");
        await page.SelectOptionAsync("#sample-split", "");
        await page.FillAsync("#sample-min", "");
        await page.FillAsync("#sample-max", "");
        await page.ClickAsync("#sample-apply");
        await page.WaitUntilAsync(
            "document.getElementById('sample-list').dataset.query?.includes('sort=attr.origin')");
        var values = await page.EvalOnSelectorAllAsync<string[]>("#sample-list .sample",
            "cs => cs.map(c => c.dataset.sortValue)");
        Assert.Equal([.. Enumerable.Repeat("1", 10), .. Enumerable.Repeat("0", 10)], values);
        Assert.Equal(20, await page.Locator("#sample-list .sample .metric-chip.sorted[data-metric='attr.origin']")
            .CountAsync());
        await page.ClickAsync("#sample-more");
        await page.WaitUntilAsync("document.getElementById('sample-list').dataset.loaded === '40'");
        return [corpusShot, await Screenshots.SaveElementAsync(page, "#sample-browser", "samples-by-attribute")];
    }
}
