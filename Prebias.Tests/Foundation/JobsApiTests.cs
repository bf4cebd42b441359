using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Prebias.Tests.Infrastructure;
using Prebias.Core.Domain;

namespace Prebias.Tests.Foundation;

[Collection(ApiCollection.Name)]
public sealed class JobsApiTests(ApiFixture api)
{
    [Fact]
    public async Task TorchDiagnostic_IsExecutedBySeparateWorker_AndReadableOverHttp()
    {
        using var client = api.CreateAuthorizedClient();
        var post = await client.PostAsJsonAsync("/api/diagnostics/torch", new { matrixSize = 256, iterations = 5 });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var accepted = await post.Content.ReadFromJsonAsync<JsonElement>();
        var jobId = accepted.GetProperty("jobId").GetString()!;
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal($"/api/diagnostics/torch/{id}", post.Headers.Location?.OriginalString);

        // Nothing runs it until a worker serving the gpu queue starts (the API has no in-process server here).
        var queued = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
        Assert.Equal("Enqueued", queued.GetProperty("state").GetString());
        Assert.Equal("TorchDiagnostic", queued.GetProperty("type").GetString());

        using var worker = await api.StartWorkerAsync("gpu");
        var job = await Poll.UntilAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}"),
            j => j.GetProperty("state").GetString() is "Succeeded" or "Failed", TimeSpan.FromSeconds(60), "the job to finish");
        await worker.StopAsync();

        Assert.Equal("Succeeded", job.GetProperty("state").GetString());
        Assert.Equal(1.0, job.GetProperty("progress").GetDouble());
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("startedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("finishedAt").ValueKind);
        var resource = job.GetProperty("resource").GetString()!;

        var result = await client.GetFromJsonAsync<JsonElement>(resource);
        Assert.Equal("cpu", result.GetProperty("device").GetString());
        Assert.Equal("0.107.0", result.GetProperty("torchSharpVersion").GetString());
        Assert.StartsWith("2.10", result.GetProperty("libTorchVersion").GetString());
        Assert.True(result.GetProperty("gflops").GetDouble() > 0.1);
        Assert.Equal(256, result.GetProperty("matrixSize").GetInt32());
    }

    [Fact]
    public async Task CancelJob_StopsRunningJob_AndJobSeesCancellation()
    {
        using var client = api.CreateAuthorizedClient();
        // About 2·1024³·100000 flops: minutes of work, so it is still running when cancelled.
        var post = await client.PostAsJsonAsync("/api/diagnostics/torch", new { matrixSize = 1024, iterations = 1000 });
        var accepted = await post.Content.ReadFromJsonAsync<JsonElement>();
        var jobId = accepted.GetProperty("jobId").GetString()!;
        var id = accepted.GetProperty("id").GetString()!;

        using var worker = await api.StartWorkerAsync("gpu");
        await Poll.UntilAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}"),
            j => j.GetProperty("state").GetString() == "Processing", TimeSpan.FromSeconds(60), "the job to start");

        var delete = await client.DeleteAsync($"/api/jobs/{jobId}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        var job = await Poll.UntilAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}"),
            j => j.GetProperty("state").GetString() == "Deleted", TimeSpan.FromSeconds(30), "the job to be deleted");
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("finishedAt").ValueKind);

        // The worker thread observed its CancellationToken: it stops well before the matmul loop would finish.
        var stop = worker.StopAsync();
        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(45))));
        var result = await client.GetFromJsonAsync<JsonElement>($"/api/diagnostics/torch/{id}");
        Assert.Equal(JsonValueKind.Null, result.GetProperty("gflops").ValueKind);

        var again = await client.DeleteAsync($"/api/jobs/{jobId}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task GetJob_Returns404ProblemDetails_WhenUnknown()
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync("/api/jobs/999999999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ListJobs_FiltersByStateAndType_AndRejectsUnknownState()
    {
        using var client = api.CreateAuthorizedClient();
        var post = await client.PostAsJsonAsync("/api/diagnostics/torch", new { matrixSize = 64, iterations = 1 });
        var jobId = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();

        var enqueued = await client.GetFromJsonAsync<JsonElement[]>("/api/jobs?state=Enqueued&type=TorchDiagnostic&limit=1000");
        Assert.Contains(enqueued!, j => j.GetProperty("id").GetString() == jobId);
        Assert.All(enqueued!, j => Assert.Equal("Enqueued", j.GetProperty("state").GetString()));
        var succeeded = await client.GetFromJsonAsync<JsonElement[]>("/api/jobs?state=Succeeded");
        Assert.DoesNotContain(succeeded!, j => j.GetProperty("id").GetString() == jobId);

        var bad = await client.GetAsync("/api/jobs?state=Sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var badLimit = await client.GetAsync("/api/jobs?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }
}
