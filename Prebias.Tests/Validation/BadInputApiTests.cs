using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Validation;

/// <summary>
/// Each bad request of the README's bad-input table, sent as it was reported: the answer is a 400 validation problem
/// whose <c>errors</c> name the field. Checks on the request itself run before any lookup, so unknown ids suffice.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputApiTests(ApiFixture api)
{
    private const string Id = "6a0c2c5e-2c7e-4a55-9a57-2b1f1f1f1f1f";
    private static readonly string Run = $$"""{"datasetId":"{{Id}}",""";
    private static readonly string Experiment = $$"""{"datasetId":"{{Id}}","orderings":[{"method":"shuffle"}],""";

    private static string FineTune(string fields) =>
        Experiment + $" \"finetune\":{{\"datasetId\":\"{Id}\",{fields}}}}}";

    public static TheoryData<string, string, string, string> Requests => new()
    {
        // Unknown JSON fields (a typo used to launch a 200-step run).
        { "POST", "/api/runs", Run + """ "training":{"maxIter":20}}""", "training.maxIter" },
        { "POST", "/api/corpora", """{"sorce":{"kind":"synthetic"}}""", "sorce" },
        { "POST", "/api/experiments/durability", Experiment + """ "seed":[1,2]}""", "seed" },
        // Numbers out of their documented range.
        { "POST", "/api/runs", Run + """ "training":{"maxIters":4611686018427387904}}""", "training.maxIters" },
        { "POST", "/api/runs", Run + """ "training":{"threads":100000}}""", "training.threads" },
        { "POST", "/api/runs", Run + """ "training":{"learningRate":1e308}}""", "training.learningRate" },
        { "POST", "/api/runs", Run + """ "training":{"beta2":-3}}""", "training.beta2" },
        { "POST", "/api/runs", Run + """ "training":{"gradClip":-1}}""", "training.gradClip" },
        { "POST", "/api/runs", Run + """ "training":{"weightDecay":-10}}""", "training.weightDecay" },
        { "POST", "/api/runs", Run + """ "model":{"maxSeqLen":10000000}}""", "model.maxSeqLen" },
        { "POST", "/api/runs", Run + """ "ordering":{"method":"curriculum","metric":"sentiment","buckets":500000000}}""", "ordering.buckets" },
        { "POST", "/api/corpora", """{"source":{"kind":"synthetic","synthetic":{"documents":0}}}""", "source.synthetic.documents" },
        { "POST", "/api/experiments/durability", Experiment + """ "seeds":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33]}""", "seeds" },
        { "POST", "/api/experiments/durability", Experiment + """ "training":{"batchSize":0}}""", "training.batchSize" },
        { "POST", "/api/experiments/durability", $$"""{"datasetId":"{{Id}}","orderings":[{{string.Join(',', Enumerable.Repeat("{}", 5))}}],"seeds":[{{string.Join(',', Enumerable.Range(1, 30))}}]}""", "orderings" },
        { "POST", "/api/experiments/durability", Experiment + """ "saturationTolerance":0}""", "saturationTolerance" },
        { "POST", "/api/experiments/durability", Experiment + """ "initSeeds":[1,1]}""", "initSeeds" },
        { "POST", "/api/experiments/durability", Experiment + """ "orderSeeds":[]}""", "orderSeeds" },
        { "POST", "/api/experiments/durability", $$"""{"datasetId":"{{Id}}","orderings":[{},{},{}],"initSeeds":[{{string.Join(',', Enumerable.Range(1, 8))}}],"orderSeeds":[{{string.Join(',', Enumerable.Range(1, 5))}}]}""", "orderings" },
        { "POST", "/api/experiments/durability", Experiment + """ "equivalenceMargin":0}""", "equivalenceMargin" },
        // A fine-tune of every run: its own fields, checked before any lookup.
        { "POST", "/api/experiments/durability", FineTune("\"steps\":0"), "finetune.steps" },
        { "POST", "/api/experiments/durability", FineTune("\"steps\":5,\"optimizer\":\"forget\""),
            "finetune.optimizer" },
        { "POST", "/api/experiments/durability", Experiment + """ "finetune":{"steps":5}}""", "finetune.datasetId" },
        { "POST", "/api/experiments/durability", FineTune("\"steps\":5,\"training\":{\"learningRate\":0}"),
            "finetune.training.learningRate" },
        // ?format= that a table route does not write, and any format on a JSON-only route.
        { "GET", "/api/jobs?format=xlsx", "", "format" },
        // Run-scoped tables answer 404 for an unknown run before they read ?format=; their 400 is checked on a real
        // run in EvaluationApiTests.Tables_NameTheirColumnsAsTheJsonFields_InCsvAndParquet.
        { "GET", "/api/metrics?format=xlsx", "", "format" },
        // Caps on names, texts and lists.
        { "POST", "/api/corpora", $$"""{"name":"{{new string('n', 1 << 20)}}"}""", "name" },
        { "POST", $"/api/tokenizers/{Id}/encode", $$"""{"text":"{{new string('a', 5_000_000)}}"}""", "text" },
        { "POST", $"/api/tokenizers/{Id}/decode", $$"""{"ids":[{{string.Join(',', Enumerable.Repeat(1, 100_001))}}]}""", "ids" },
        { "POST", $"/api/runs/{Id}/evaluations", $$"""{"checkpoints":[{{string.Join(',', Enumerable.Range(0, 1001))}}]}""", "checkpoints" },
        { "POST", "/api/runs", Run + $$""" "name":"{{new string('r', 201)}}"}""", "name" },
        // null and edge JSON (these answered 500).
        { "POST", "/api/runs", Run + """ "model":{"preset":null}}""", "model.preset" },
        { "POST", $"/api/runs/{Id}/branches", """{"fromStep":0,"transform":null}""", "transform" },
        { "POST", "/api/experiments/durability", Experiment.Replace("\"orderings\":[{\"method\":\"shuffle\"}],", "") + """ "orderings":null}""", "orderings" },
        { "POST", "/api/experiments/durability", Experiment.Replace("[{\"method\":\"shuffle\"}]", "[null]") + """ "seeds":[1]}""", "orderings[0]" },
        { "POST", "/api/experiments/durability", Experiment + """ "baselineOrdering":null}""", "baselineOrdering" },
        { "POST", "/api/experiments/durability", Experiment + """ "seeds":null}""", "seeds" },
        { "POST", $"/api/datasets/{Id}/metrics", """{"metrics":[null]}""", "metrics[0]" },
        { "POST", "/api/corpora", """{"source":{"kind":"synthetic","synthetic":{"occupationHeShare":null}}}""", "source.synthetic.occupationHeShare" },
        { "POST", "/api/runs", Run + """ "training":{"maxIters":"many"}}""", "training.maxIters" },
        // Query strings.
        { "GET", $"/api/datasets/{Id}/samples?sort=sentiment&min=NaN", "", "min" },
        { "GET", $"/api/datasets/{Id}/samples?sort=sentiment&max=Infinity", "", "max" },
        { "GET", "/api/jobs?limit=abc", "", "limit" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task BadRequest_Returns400NamingTheField(string method, string path, string body, string field)
    {
        using var client = api.CreateAuthorizedClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"expected an error for '{field}', got {errors}");
        Assert.All(messages.EnumerateArray(), m => Assert.Contains(field.Split('.', '[')[^1].Split('?')[0], m.GetString()));
        Assert.DoesNotContain("Parameter 'source'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Prebias.Core", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoodRequest_StillAccepted_WithEveryFieldAtItsDocumentedLimit()
    {
        using var client = api.CreateAuthorizedClient();
        var response = await client.PostAsJsonAsync("/api/corpora", new
        {
            name = new string('n', 200),
            source = new { kind = "synthetic", synthetic = new { documents = 1, minSentences = 5, maxSentences = 200, occupationHeShare = new Dictionary<string, double> { ["doctor"] = 1 } } },
            maxDocumentChars = 10_000_000,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
