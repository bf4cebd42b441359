using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Pipeline;

/// <summary>
/// <c>POST /api/corpora</c> with <c>source.kind: "mixture"</c> on two tiny synthetic corpora: the 400s name the part
/// at fault, each document keeps its origin (and <c>attr.origin</c> orders the samples of a dataset built on it), and
/// the content id follows the parts, weights and seed.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class CorpusMixtureApiTests(ApiFixture api)
{
    private const int PartDocuments = 30, Size = 40;

    [Fact]
    public async Task Mixture_KeepsOrigins_AndItsContentIdFollowsWeightsAndSeed_WhenPartsAreReady()
    {
        var p = await PipelineFixture.GetAsync(api);
        var client = p.Client;
        var (a, jobA) = await client.PostWorkAsync("/api/corpora",
            new { name = "mix part a", source = PipelineFixture.SyntheticSource(21, PartDocuments) });
        var (b, jobB) = await client.PostWorkAsync("/api/corpora",
            new { name = "mix part b", source = PipelineFixture.SyntheticSource(22, PartDocuments) });

        // Bad requests name the part and the field; nothing is stored or queued.
        var bad = await ProblemAsync(client, Mixture([(a, 1.0), (a, 0.0)], size: 0, seed: 1));
        Assert.Contains("source.parts[1].corpusId", bad); // listed twice
        Assert.Contains("source.parts[1].weight", bad);
        Assert.Contains("source.size", bad);
        var unknown = Guid.NewGuid().ToString();
        Assert.Contains("source.parts[1].corpusId", await ProblemAsync(client, Mixture([(a, 1.0), (unknown, 1.0)])));
        Assert.Contains("source.parts", await ProblemAsync(client, Mixture([])));

        await client.WaitForSuccessAsync(jobA);
        await client.WaitForSuccessAsync(jobB);
        var mixtures = new[]
        {
            Mixture([(a, 3.0), (b, 1.0)], seed: 5), Mixture([(a, 3.0), (b, 1.0)], seed: 5),
            Mixture([(a, 1.0), (b, 1.0)], seed: 5), Mixture([(a, 3.0), (b, 1.0)], seed: 6),
        };
        var started = new List<(string Id, string Job)>();
        foreach (var mixture in mixtures) started.Add(await client.PostWorkAsync("/api/corpora", mixture));
        foreach (var (_, job) in started) await client.WaitForSuccessAsync(job);
        var (mixed, again, evenWeights, otherSeed) = (started[0].Id, started[1].Id, started[2].Id, started[3].Id);

        // 3 : 1 of 40 documents; each records its part's position, corpus and document.
        var documents = (await client.GetJsonAsync($"/api/corpora/{mixed}/documents?limit={Size}")).EnumerateArray()
            .Select(d => d.GetProperty("attributes")).ToList();
        Assert.Equal(Size, documents.Count);
        Assert.Equal(30, documents.Count(d => d.GetProperty("origin").GetString() == "0"));
        Assert.Equal(10, documents.Count(d => d.GetProperty("origin").GetString() == "1"));
        Assert.All(documents, d => Assert.Equal(d.GetProperty("origin").GetString() == "0" ? a : b,
            d.GetProperty("origin_corpus").GetString()));

        // The same request gives the same content id; other weights or another seed give another.
        var id = await ContentIdAsync(client, mixed);
        Assert.Equal(id, await ContentIdAsync(client, again));
        Assert.NotEqual(id, await ContentIdAsync(client, evenWeights));
        Assert.NotEqual(id, await ContentIdAsync(client, otherSeed));
        var manifest = (await client.GetJsonAsync($"/api/ids/{id}")).GetProperty("manifest");
        Assert.Equal([await ContentIdAsync(client, a), await ContentIdAsync(client, b)],
            manifest.GetProperty("parents").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([3.0, 1.0], manifest.GetProperty("mixture").GetProperty("weights").EnumerateArray()
            .Select(e => e.GetDouble()));
        Assert.Equal(5, manifest.GetProperty("mixture").GetProperty("seed").GetInt64());

        // attr.origin is a metric: sorted by it, part b's 10 samples come first.
        var (dataset, datasetJob) = await client.PostWorkAsync("/api/datasets",
            new { corpusId = mixed, tokenizerId = p.TokenizerId, maxSeqLen = 64, valFraction = 0.1, seed = 5 });
        await client.WaitForSuccessAsync(datasetJob);
        var (_, copyJob) = await client.PostWorkAsync($"/api/datasets/{dataset}/attributes",
            new { attributes = new[] { "origin" } });
        await client.WaitForSuccessAsync(copyJob);
        var page = await client.GetJsonAsync($"/api/datasets/{dataset}/samples?sort=attr.origin&order=desc&limit=12");
        var samples = page.GetProperty("items").EnumerateArray()
            .Select(s => s.GetProperty("metrics").GetProperty("attr.origin").GetDouble()).ToList();
        Assert.Equal([.. Enumerable.Repeat(1.0, 10), 0.0, 0.0], samples);
    }

    private static object Mixture(IReadOnlyList<(string CorpusId, double Weight)> parts, int size = Size,
        long seed = 5) => new
    {
        name = "mixture",
        source = new
        {
            kind = "mixture", size, seed,
            parts = parts.Select(p => new { corpusId = p.CorpusId, weight = p.Weight }).ToArray(),
        },
    };

    /// <summary>The 400's field errors, as raw JSON.</summary>
    private static async Task<string> ProblemAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/corpora", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("errors").GetRawText();
    }

    private static async Task<string> ContentIdAsync(HttpClient client, string corpusId)
    {
        var card = await client.GetStringAsync($"/api/corpora/{corpusId}/card");
        var match = ContentIdLine().Match(card);
        Assert.True(match.Success, card);
        return match.Groups[1].Value;
    }

    [GeneratedRegex("^content_id: \"(sha256:[0-9a-f]{64})\"$", RegexOptions.Multiline)]
    private static partial Regex ContentIdLine();
}
