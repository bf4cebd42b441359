using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Pipeline;

/// <summary>
/// A first-time user who only presses "Try it out" in Swagger, in workflow order: every POST's example (body and path
/// parameters, as the document gives them at that moment) is sent to the real API and is accepted.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class SwaggerExamplesTests(ApiFixture api)
{
    // Workflow order: each example names the newest ready resource that the steps before it made.
    private static readonly string[] Steps =
    [
        "CreateCorpus", "CreateTokenizer", "CreateDataset", "ComputeSampleMetrics", "CopySampleAttributes", "Encode", "Decode",
        "CreateRun", "CreateDurabilityExperiment", "CreateBranch", "EvaluateCheckpoints", "ComputeSamplePerplexity",
        "StartTorchDiagnostic",
    ];

    // Their jobs must finish before the next example can name what they made.
    private static readonly HashSet<string> WaitFor =
        ["CreateCorpus", "CreateTokenizer", "CreateDataset", "ComputeSampleMetrics"];

    private sealed record Operation(string Id, string Path, JsonElement Json);

    [Fact]
    public async Task EverySwaggerExample_IsAccepted_InWorkflowOrder()
    {
        using var client = api.CreateAuthorizedClient();
        using var worker = await api.StartWorkerAsync("cpu", "default");
        var posts = Posts(await Document(client));
        // Uploads are multipart forms (Swagger UI shows a file picker); every other POST needs an example here.
        var json = posts.Where(p => !p.Path.EndsWith("/upload", StringComparison.Ordinal)).Select(p => p.Id)
            .Order().ToList();
        Assert.Equal(Steps.Order().ToList(), json);

        foreach (var step in Steps)
        {
            if (step == "CreateBranch") await TrainTinyRunAsync(client);
            var names = ExampleNames(Posts(await Document(client)).Single(p => p.Id == step));
            // Each named example in turn, from a fresh document: the mixture example names the corpus made just before.
            foreach (var name in names)
            {
                var operation = Posts(await Document(client)).Single(p => p.Id == step);
                var (status, body) = await PostExampleAsync(client, operation, name);
                var label = name is null ? step : $"{step} ({name})";
                if (step is "Encode" or "Decode")
                {
                    Assert.True(status == HttpStatusCode.OK, $"{label}: {(int)status} {body}");
                    continue;
                }
                Assert.True(status == HttpStatusCode.Accepted, $"{label}: {(int)status} {body}");
                var jobId = body.GetProperty("jobId").GetString()!;
                if (WaitFor.Contains(step)) await client.WaitForSuccessAsync(jobId, TimeSpan.FromMinutes(4));
                else await CancelAsync(client, step, body.GetProperty("id").GetString()!, jobId);
            }
        }
    }

    /// <summary>The names of an operation's <c>examples</c>, or one null for its single <c>example</c>.</summary>
    private static List<string?> ExampleNames(Operation operation) =>
        operation.Json.TryGetProperty("requestBody", out var body)
        && body.GetProperty("content").GetProperty("application/json").TryGetProperty("examples", out var named)
            ? [.. named.EnumerateObject().Select(e => (string?)e.Name)]
            : [null];

    private static async Task<JsonElement> Document(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

    private static List<Operation> Posts(JsonElement doc) =>
    [
        .. doc.GetProperty("paths").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("post", out _))
            .Select(p => (Path: p.Name, Post: p.Value.GetProperty("post")))
            .Select(p => new Operation(p.Post.GetProperty("operationId").GetString()!, p.Path, p.Post)),
    ];

    private static async Task<(HttpStatusCode, JsonElement)> PostExampleAsync(HttpClient client, Operation operation,
        string? name)
    {
        var parameters = operation.Json.TryGetProperty("parameters", out var list)
            ? list.EnumerateArray().ToList() : [];
        var path = PathParameter().Replace(operation.Path, m =>
        {
            var parameter = parameters.Single(p => p.GetProperty("name").GetString() == m.Groups[1].Value);
            Assert.True(parameter.TryGetProperty("example", out var example),
                $"{operation.Id}: no example for {m.Value}");
            return example.ValueKind == JsonValueKind.String ? example.GetString()! : example.GetRawText();
        });
        HttpContent? content = null;
        if (operation.Json.TryGetProperty("requestBody", out var requestBody))
        {
            var json = requestBody.GetProperty("content").GetProperty("application/json");
            var example = default(JsonElement);
            Assert.True(name is null ? json.TryGetProperty("example", out example)
                : json.GetProperty("examples").GetProperty(name).TryGetProperty("value", out example),
                $"{operation.Id} has no example body {name}");
            Assert.DoesNotContain(Guid.Empty.ToString(), example.GetRawText());
            content = new StringContent(example.GetRawText(), Encoding.UTF8, "application/json");
        }
        var response = await client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    /// <summary>The branch example needs a run with checkpoints: a tiny one, by a worker that then stops.</summary>
    private async Task TrainTinyRunAsync(HttpClient client)
    {
        var datasets = await client.GetFromJsonAsync<JsonElement[]>("/api/datasets");
        var dataset = datasets!.First(d => d.GetProperty("state").GetString() == "Ready")
            .GetProperty("id").GetString()!;
        using var gpu = await api.StartWorkerAsync("gpu");
        var (_, job) = await client.PostWorkAsync("/api/runs",
            TrainingApiTests.TinyRun(dataset, seed: 41, maxIters: 8));
        await client.WaitForSuccessAsync(job, TimeSpan.FromMinutes(3));
        await gpu.StopAsync();
    }

    private static async Task CancelAsync(HttpClient client, string step, string id, string jobId)
    {
        // Runs and experiments would otherwise train later in other tests' workers.
        var path = step switch
        {
            "CreateRun" or "CreateBranch" => $"/api/runs/{id}",
            "CreateDurabilityExperiment" => $"/api/experiments/{id}",
            _ => $"/api/jobs/{jobId}",
        };
        var response = await client.DeleteAsync(path);
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict,
            $"DELETE {path}: {(int)response.StatusCode}");
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex PathParameter();
}
