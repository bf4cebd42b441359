using System.Net.Http.Json;
using System.Text.Json;
using Prebias.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Prebias.Tests.Dashboard;

/// <summary>The checkpoint card's prompt box on the real run of <see cref="DashboardRun"/>: the batch-1 decoder's text.</summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardPromptBoxTests(ApiFixture api, ITestOutputHelper output)
{
    [Fact]
    public async Task PromptBox_ShowsTheGreedyContinuationOfCheckpointA()
    {
        var runId = await DashboardRun.GetIdAsync(api);
        await using var server = new DashboardServer(api);
        await using var browser = await Browser.LaunchAsync();
        var page = browser.Page;
        await page.GotoAsync($"{server.Dashboard}#run/{runId}");
        var last = DashboardRun.Checkpoints[^1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync($"() => document.getElementById('checkpoint-a').value === '{last}'");

        await page.FillAsync("#prompt-input", "Once upon a time");
        await page.FillAsync("#prompt-tokens", "30");
        await page.ClickAsync("#prompt-run");
        await page.WaitForFunctionAsync($"() => document.getElementById('prompt-output').dataset.step === '{last}'");

        using var client = api.CreateClient();
        var expected = await client.GetFromJsonAsync<JsonElement>(
            $"/api/runs/{runId}/checkpoints/{last}/generate?prompt={Uri.EscapeDataString("Once upon a time")}&maxTokens=30");
        var shown = await page.InnerTextAsync("#prompt-output .generation-text");
        static string Flat(string text) => text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        Assert.Equal(Flat("Once upon a time" + expected.GetProperty("text").GetString()), Flat(shown));
        Assert.Contains($"{expected.GetProperty("ids").GetArrayLength()} tokens", await page.InnerTextAsync("#prompt-output .generation-meta"));
        output.WriteLine(await Screenshots.SaveElementAsync(page, "#checkpoint-card", "prompt-box"));
    }
}
