using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Prebias.Workers.Demo;

/// <summary>A small HTTP client for the demo: posts work, polls jobs, reads results. Uses only the public REST API.</summary>
public sealed class PrebiasClient(HttpClient http) : IDisposable
{
    /// <param name="baseUrl">The API.</param>
    /// <param name="apiKey">The write key.</param>
    /// <param name="ledgerPath">When given, repeated requests reuse earlier resources (<see cref="DemoLedgerHandler"/>).</param>
    public static PrebiasClient Create(string baseUrl, string apiKey, string? ledgerPath = null)
    {
        HttpMessageHandler handler = ledgerPath is null ? new HttpClientHandler() : new DemoLedgerHandler(ledgerPath) { InnerHandler = new HttpClientHandler() };
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return new PrebiasClient(http);
    }

    /// <summary>Waits until /health/ready answers 200, or fails when the API process exits.</summary>
    public async Task WaitUntilReadyAsync(int? apiPid, TimeSpan timeout, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            if (apiPid is { } pid && !ProcessIsAlive(pid)) throw new InvalidOperationException("The API process exited during start-up; see its log.");
            try
            {
                using var response = await http.GetAsync("health/ready", ct);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            if (sw.Elapsed > timeout) throw new TimeoutException($"The API was not ready after {timeout.TotalSeconds:F0} s.");
            await Task.Delay(500, ct);
        }
    }

    public string BaseUrl => http.BaseAddress!.ToString();

    public async Task<(string Id, string JobId)> PostAsync(string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(path, body, ct);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {json}");
        return (json.GetProperty("id").GetString()!, json.GetProperty("jobId").GetString()!);
    }

    public async Task<JsonElement> GetAsync(string path, CancellationToken ct)
    {
        using var response = await GetWithRetriesAsync(path, ct);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    /// <summary>Waits between attempts of a read: 0.5 s doubling to 8 s, about 4 minutes in all (a database outage).</summary>
    public IReadOnlyList<TimeSpan> ReadRetryDelays { get; init; } =
        [.. Enumerable.Range(0, 34).Select(i => TimeSpan.FromSeconds(Math.Min(8, 0.5 * Math.Pow(2, i))))];

    /// <summary>
    /// A read (safe to repeat) that rides out a restart or a database outage: a 500 or 503 answer, or no answer, is
    /// retried with backoff; other answers are final (a 404 is the caller's to handle).
    /// </summary>
    private async Task<HttpResponseMessage> GetWithRetriesAsync(string path, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.GetAsync(path.TrimStart('/'), ct);
            }
            catch (HttpRequestException e) when (attempt < ReadRetryDelays.Count)
            {
                await WaitBeforeRetryAsync(path, e.Message, attempt, ct);
                continue;
            }
            if (response.IsSuccessStatusCode) return response;
            var retryable = response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable;
            var body = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            if (!retryable || attempt >= ReadRetryDelays.Count)
                throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
            await WaitBeforeRetryAsync(path, $"{(int)response.StatusCode}", attempt, ct);
        }
    }

    private async Task WaitBeforeRetryAsync(string path, string failure, int attempt, CancellationToken ct)
    {
        Console.WriteLine($"  GET {path} failed ({failure}); retrying in {ReadRetryDelays[attempt].TotalSeconds:F1} s");
        await Task.Delay(ReadRetryDelays[attempt], ct);
    }

    /// <summary>Polls a job to its end, printing progress messages as they change; throws if it did not succeed.</summary>
    public async Task<JsonElement> WaitForJobAsync(string jobId, string label, CancellationToken ct)
    {
        string? lastMessage = null;
        var sinceLastPrint = Stopwatch.StartNew();
        while (true)
        {
            var job = await GetAsync($"api/jobs/{jobId}", ct);
            var state = job.GetProperty("state").GetString();
            var message = job.GetProperty("message").GetString();
            // Checkpoints and final messages always; other progress at most every 10 s.
            if (message is not null && message != lastMessage
                && (sinceLastPrint.Elapsed > TimeSpan.FromSeconds(10) || state != "Processing" || message.StartsWith("checkpoint", StringComparison.Ordinal)))
            {
                Console.WriteLine($"  [{label}] {job.GetProperty("progress").GetDouble():P0} {message}");
                lastMessage = message;
                sinceLastPrint.Restart();
            }
            if (state == "Succeeded") return job;
            if (state is "Failed" or "Deleted")
                throw new InvalidOperationException($"{label} job {jobId} {state}: {job.GetProperty("error").GetString()}");
            await Task.Delay(500, ct);
        }
    }

    private static bool ProcessIsAlive(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    public void Dispose() => http.Dispose();
}
