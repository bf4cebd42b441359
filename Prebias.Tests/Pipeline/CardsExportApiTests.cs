using System.Formats.Tar;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Prebias.Core.Training;
using Prebias.Tests.Export;
using Prebias.Tests.Infrastructure;
using static TorchSharp.torch;

namespace Prebias.Tests.Pipeline;

/// <summary>Cards, content ids and exports through the API, on the pipeline's evaluated run.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class CardsExportApiTests(ApiFixture api)
{
    [GeneratedRegex("^content_id: \"(sha256:[0-9a-f]{64})\"$", RegexOptions.Multiline)]
    private static partial Regex ContentIdLine();

    private static string ContentIdOf(string card) => ContentIdLine().Match(card) is { Success: true } m
        ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no content_id in\n{card}");

    [Fact]
    public async Task Cards_AreMarkdownWithFrontMatter_AndIdsResolveToTheirResources()
    {
        var (p, runId) = await EvaluationApiTests.EvaluatedRunAsync(api);
        var corpus = await p.Client.GetStringAsync($"/api/corpora/{p.CorpusId}/card");
        var tokenizer = await p.Client.GetStringAsync($"/api/tokenizers/{p.TokenizerId}/card");
        var dataset = await p.Client.GetStringAsync($"/api/datasets/{p.DatasetId}/card");
        var run = await p.Client.GetStringAsync($"/api/runs/{runId}/card");
        var checkpoint = await p.Client.GetStringAsync($"/api/runs/{runId}/checkpoints/8/card");

        Assert.All(new[] { corpus, tokenizer, dataset, run, checkpoint }, card => Assert.StartsWith("---\n", card));
        Assert.Contains("ground_truth:\n", corpus);
        Assert.Contains("\n  seed: 7\n", corpus);
        Assert.Contains("happyEndingShare: 0.5", corpus);
        Assert.Contains("naughty-words", corpus);
        Assert.Contains("| sentiment | 1200 |", dataset);
        Assert.Contains($"\n- \"{ContentIdOf(corpus)}\"\n", tokenizer); // a trained tokenizer names its corpus
        Assert.Contains(ContentIdOf(tokenizer), dataset);
        Assert.Equal(run, checkpoint); // step 8 is the run's last checkpoint
        Assert.Contains("model-index:", checkpoint);
        Assert.Contains("- type: \"perplexity\"", checkpoint);
        const string number = "[-+0-9.E]+";
        Assert.Matches($@"\| she_he \| \d+ \| {number} \| \[{number}, {number}\] \|", checkpoint);
        Assert.Matches($@"\| sentiment \| \d+ \| {number} \| \[{number}, {number}\] \|", checkpoint);
        Assert.Contains($"dataset_id: \"{ContentIdOf(dataset)}\"", checkpoint);

        var resolved = await p.Client.GetJsonAsync($"/api/ids/{ContentIdOf(checkpoint)}");
        var resource = Assert.Single(resolved.GetProperty("resources").EnumerateArray());
        Assert.Equal(("checkpoint", runId, 8L), (resource.GetProperty("kind").GetString(), resource.GetProperty("id").GetString(),
            resource.GetProperty("step").GetInt64()));
        var orderId = resolved.GetProperty("manifest").GetProperty("parents")[0].GetString()!;
        var order = await p.Client.GetJsonAsync($"/api/ids/{orderId}");
        Assert.Equal(ContentIdOf(dataset), order.GetProperty("manifest").GetProperty("parents")[0].GetString());
        var corpusResolved = await p.Client.GetJsonAsync($"/api/ids/{ContentIdOf(corpus)}");
        Assert.Contains(corpusResolved.GetProperty("resources").EnumerateArray(), r => r.GetProperty("id").GetString() == p.CorpusId);

        var bad = await p.Client.GetAsync("/api/ids/sha256:xyz");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("contentId", await bad.Content.ReadAsStringAsync());
        var unknown = await p.Client.GetAsync("/api/ids/sha256:" + new string('0', 64));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/runs/{runId}/checkpoints/7/card")).StatusCode);
    }

    [Fact]
    public async Task ExportHf_TarHoldsAFolderWhoseHfForwardMatchesTheCheckpoint()
    {
        var (p, runId) = await EvaluationApiTests.EvaluatedRunAsync(api);
        var response = await p.Client.GetAsync($"/api/runs/{runId}/checkpoints/8/export/hf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-tar", response.Content.Headers.ContentType?.MediaType);
        using var target = new Corpora.TempDirectory();
        await TarFile.ExtractToDirectoryAsync(await response.Content.ReadAsStreamAsync(), target.Path, overwriteFiles: false);
        var folder = Assert.Single(Directory.GetDirectories(target.Path));
        string[] files = ["README.md", "config.json", "generation_config.json", "model.safetensors", "tokenizer.model", "tokenizer_config.json"];
        Assert.Equal(files, Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.StartsWith("---\n", await File.ReadAllTextAsync(Path.Combine(folder, "README.md")));

        int[] tokens = [1, 40, 300, 12, 77, 5, 411, 2, 90];
        using var model = CheckpointModels.Load(Path.Combine(api.ArtifactsPath, "runs", Guid.Parse(runId).ToString("N"), "ckpt-0000008"));
        double[] expected;
        using (var noGrad = no_grad())
        {
            var (logits, _) = model.Forward(tensor(tokens.Select(t => (long)t).ToArray()).view(1, -1));
            expected = logits.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
            logits.Dispose();
        }
        var actual = new HfLlamaReference(folder).Logits(tokens).SelectMany(row => row).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.Zip(actual).Max(x => Math.Abs(x.First - x.Second)) < 1e-5);
    }

    [Fact]
    public async Task ExportTensorBoard_TarHoldsAnEventFileWithLossesAndEvaluations()
    {
        var (p, runId) = await EvaluationApiTests.EvaluatedRunAsync(api);
        var response = await p.Client.GetAsync($"/api/runs/{runId}/export/tensorboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var target = new Corpora.TempDirectory();
        await TarFile.ExtractToDirectoryAsync(await response.Content.ReadAsStreamAsync(), target.Path, overwriteFiles: false);
        var file = Assert.Single(Directory.GetFiles(target.Path, "events.out.tfevents.*", SearchOption.AllDirectories));
        var (_, scalars) = TfRecordEvents.Read(file);
        var steps = scalars.Where(s => s.Tag == "loss/train").Select(s => s.Step).ToArray();
        Assert.True(steps.Length >= 8, $"{steps.Length} train-loss points");
        Assert.Equal(steps.Order(), steps);
        Assert.Contains(scalars, s => s.Tag == "loss/val" && s.Step == 8);
        Assert.Contains(scalars, s => s.Tag == "output/sentiment" && s.Step == 8);
        Assert.Contains(scalars, s => s.Tag == "bias/she_he/mean");
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/runs/{Guid.NewGuid()}/export/tensorboard")).StatusCode);
    }
}
