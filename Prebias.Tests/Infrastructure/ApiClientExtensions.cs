using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Prebias.Tests.Infrastructure;

/// <summary>Shortcuts for tests that drive the REST API: post work, wait for its job, read JSON.</summary>
public static class ApiClientExtensions
{
    public static async Task<(string Id, string JobId)> PostWorkAsync(this HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST {path} answered {(int)response.StatusCode}: {json}");
        return (json.GetProperty("id").GetString()!, json.GetProperty("jobId").GetString()!);
    }

    public static async Task<JsonElement> WaitForJobAsync(this HttpClient client, string jobId, TimeSpan? timeout = null) =>
        await Poll.UntilAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}"),
            j => j.GetProperty("state").GetString() is "Succeeded" or "Failed" or "Deleted", timeout ?? TimeSpan.FromSeconds(120), $"job {jobId}");

    public static async Task<JsonElement> WaitForSuccessAsync(this HttpClient client, string jobId, TimeSpan? timeout = null)
    {
        var job = await client.WaitForJobAsync(jobId, timeout);
        Assert.True(job.GetProperty("state").GetString() == "Succeeded", $"job {jobId} ended {job}");
        return job;
    }

    public static Task<JsonElement> GetJsonAsync(this HttpClient client, string path) => client.GetFromJsonAsync<JsonElement>(path);
}
