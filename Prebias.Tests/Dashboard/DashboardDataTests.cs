using System.Globalization;
using Prebias.Tests.Infrastructure;
using Prebias.Tests.Pipeline;
using Xunit.Abstractions;

namespace Prebias.Tests.Dashboard;

/// <summary>
/// The dataset and corpus pages and the sample browser on the pipeline's real synthetic corpus and dataset, then on
/// a mixture of it (<see cref="MixtureViews"/>).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardDataTests(ApiFixture api, ITestOutputHelper output)
{
    [Fact]
    public async Task DatasetPage_ShowsCountsHistogramsAndSamples_AndLinksItsCorpus()
    {
        var runId = await DashboardRun.GetIdAsync(api);
        var p = await PipelineFixture.GetAsync(api);
        using var client = api.CreateClient();
        var dataset = await client.GetJsonAsync($"/api/datasets/{p.DatasetId}");
        var histograms = (await client.GetJsonAsync($"/api/datasets/{p.DatasetId}/metrics/histograms?bins=30"))
            .EnumerateArray().ToList();
        // Bad bin counts answer 400 naming the field.
        var badBins = await client.GetAsync($"/api/datasets/{p.DatasetId}/metrics/histograms?bins=0");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badBins.StatusCode);
        Assert.Contains("\"bins\"", await badBins.Content.ReadAsStringAsync());
        var mixture = await MixtureViews.PrepareAsync(p);
        await using var server = new DashboardServer(api);
        await using var browser = await Browser.LaunchAsync();
        var page = browser.Page;

        // From the run: its dataset link opens the dataset page.
        await page.GotoAsync($"{server.Dashboard}#run/{runId}");
        await page.ClickAsync("#run-header a.dataset-link");
        await page.WaitUntilAsync($"location.hash === '#dataset/{p.DatasetId}'");
        await page.WaitForSelectorAsync("#dataset-view:not([hidden])");
        await page.WaitForSelectorAsync("#dataset-header .measured .dial");
        var header = await page.InnerTextAsync("#dataset-header");
        Assert.Contains($"samples {Count(dataset, "sampleCount")}", header);
        Assert.Contains($"val {Count(dataset, "valCount")}", header);
        // The synthetic corpus's dials next to the measured means.
        var dial = await page.InnerTextAsync("#dataset-header .dial[data-dial='happyEndingShare']");
        Assert.Equal("happyEndingShare = 0.5", dial);
        Assert.True(await page.Locator("#dataset-header .measured .dial").CountAsync() > 0);

        // A histogram per scored metric, train and val on shared bins; as shares, each split sums to 1.
        await page.WaitForCountAsync("#dataset-histograms .js-plotly-plot", histograms.Count);
        var sentiment = histograms.Single(h => h.GetProperty("metric").GetString() == "sentiment");
        long Sum(string split) => sentiment.GetProperty(split).EnumerateArray().Sum(v => v.GetInt64());
        var counted = Sum("train") + Sum("val");
        Assert.Equal(dataset.GetProperty("sampleCount").GetInt32(), counted);
        var sums = await page.EvaluateAsync<double[]>(
            "() => document.querySelector(`#dataset-histograms [data-metric='sentiment']`).data"
            + ".map(t => t.y.reduce((s, v) => s + v, 0))");
        Assert.Equal(2, sums.Length);
        Assert.All(sums, s => Assert.Equal(1.0, s, 6));
        output.WriteLine(await Screenshots.SaveAsync(page, "dataset"));

        // Sample browser: sorted by sentiment, highest first, as the API pages it.
        await page.SelectOptionAsync("#sample-sort", "sentiment");
        await page.SelectOptionAsync("#sample-order", "desc");
        await page.SelectOptionAsync("#sample-split", "val");
        await page.ClickAsync("#sample-apply");
        await page.WaitUntilAsync("document.getElementById('sample-list').dataset.query?.includes('split=val')");
        Assert.Equal("20", await page.GetAttributeAsync("#sample-list", "data-loaded"));
        var top = await client.GetJsonAsync($"/api/datasets/{p.DatasetId}/samples?sort=sentiment&order=desc&split=val");
        var expected = top.GetProperty("items").EnumerateArray().Take(20)
            .Select(s => s.GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture)).ToList();
        const string Cards = "#sample-list .sample";
        var shown = await page.EvalOnSelectorAllAsync<string[]>(Cards, "cs => cs.map(c => c.dataset.sampleId)");
        Assert.Equal(expected, shown);
        var values = (await page.EvalOnSelectorAllAsync<string[]>(Cards, "cs => cs.map(c => c.dataset.sortValue)"))
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(values.OrderDescending().ToList(), values);
        Assert.Contains("sentiment", await page.InnerTextAsync("#sample-list .sample .metric-chip.sorted"));
        // More: the next page is appended.
        await page.ClickAsync("#sample-more");
        await page.WaitForFunctionAsync("() => document.getElementById('sample-list').dataset.loaded === '40'");
        output.WriteLine(await Screenshots.SaveElementAsync(page, "#sample-browser", "samples"));

        // A bad filter: the API's message, naming the field, instead of an empty list.
        await page.FillAsync("#sample-min", "5");
        await page.FillAsync("#sample-max", "1");
        await page.ClickAsync("#sample-apply");
        await page.WaitForSelectorAsync("#sample-error:not([hidden])");
        Assert.StartsWith("min:", await page.InnerTextAsync("#sample-error"));

        // Its corpus: counts, the dials and the first documents with their ground-truth attributes.
        await page.ClickAsync("#dataset-header a.corpus-link");
        await page.WaitUntilAsync($"location.hash === '#corpus/{p.CorpusId}'");
        await page.WaitForCountAsync("#corpus-documents .sample", 10);
        var documents = PipelineFixture.Documents.ToString("N0", CultureInfo.InvariantCulture);
        Assert.Contains($"documents {documents}", await page.InnerTextAsync("#corpus-header"));
        var link = page.Locator($"#corpus-header a.dataset-link[href='#dataset/{p.DatasetId}']");
        Assert.Equal(1, await link.CountAsync());
        output.WriteLine(await Screenshots.SaveAsync(page, "corpus"));
        foreach (var shot in await MixtureViews.AssertAsync(page, server.Dashboard, mixture)) output.WriteLine(shot);

        // The bad filter's 400 was asked for.
        browser.FailedResponses.RemoveAll(r =>
            r.StartsWith("400 ", StringComparison.Ordinal) && r.Contains("/samples?", StringComparison.Ordinal));
        browser.ConsoleErrors.RemoveAll(e => e.Contains("status of 400", StringComparison.Ordinal));
        browser.AssertClean();
    }

    private static string Count(System.Text.Json.JsonElement resource, string field) =>
        resource.GetProperty(field).GetInt32().ToString("N0", CultureInfo.InvariantCulture);
}
