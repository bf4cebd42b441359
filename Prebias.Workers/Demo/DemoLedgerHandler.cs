using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Prebias.Workers.Demo;

/// <summary>
/// Makes a second <c>./run.sh</c> reuse the first one's demo resources instead of adding identical ones (same
/// spec → same resources). Every POST that creates a corpus, tokenizer, dataset, metrics or experiment is recorded
/// in a small ledger file under the key SHA-256(path + body); the bodies of later steps carry the ids of earlier
/// ones, so a key names one whole chain. When the same POST comes again and its job has not failed or been
/// deleted and its resource still answers, the recorded 202 is answered without asking the server. A different
/// spec (another seed, more steps) is a different key and creates new resources; a database that no longer knows
/// the job simply gets the POST again.
/// </summary>
public sealed class DemoLedgerHandler(string ledgerPath) : DelegatingHandler
{
    private static readonly string[] ReusedPaths = ["/api/corpora", "/api/tokenizers", "/api/datasets", "/api/experiments"];

    private readonly Dictionary<string, string> _entries = File.Exists(ledgerPath)
        ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(ledgerPath)) ?? []
        : [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Method != HttpMethod.Post || !ReusedPaths.Any(p => request.RequestUri!.AbsolutePath.StartsWith(p, StringComparison.Ordinal)))
            return await base.SendAsync(request, ct);

        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.RequestUri!.AbsolutePath + "\n" + body)));
        if (_entries.TryGetValue(key, out var recorded) && await IsReusableAsync(request.RequestUri!, recorded, ct))
        {
            var accepted = JsonSerializer.Deserialize<JsonElement>(recorded);
            Console.WriteLine($"  reusing {accepted.GetProperty("id").GetString()} from an earlier run (same request)");
            return new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent(recorded, Encoding.UTF8, "application/json"), RequestMessage = request };
        }

        var response = await base.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            _entries[key] = await response.Content.ReadAsStringAsync(ct);
            var temp = ledgerPath + ".tmp";
            await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(_entries), ct);
            File.Move(temp, ledgerPath, overwrite: true);
        }
        return response;
    }

    /// <summary>The recorded job still exists and has not failed, and the resource it links to still answers.</summary>
    private async Task<bool> IsReusableAsync(Uri requestUri, string recorded, CancellationToken ct)
    {
        var jobId = JsonSerializer.Deserialize<JsonElement>(recorded).GetProperty("jobId").GetString();
        using var jobResponse = await base.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(requestUri, $"/api/jobs/{jobId}")), ct);
        if (!jobResponse.IsSuccessStatusCode) return false;
        var job = await jobResponse.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (job.GetProperty("state").GetString() is "Failed" or "Deleted") return false;
        if (job.TryGetProperty("resource", out var resource) && resource.ValueKind == JsonValueKind.String && resource.GetString() is { Length: > 0 } link)
        {
            using var resourceResponse = await base.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(requestUri, link)), ct);
            if (!resourceResponse.IsSuccessStatusCode) return false;
            // A resource is an object with a state (a corpus) or a table (the metrics summary): only a state can say no.
            var answer = await resourceResponse.Content.ReadFromJsonAsync<JsonElement>(ct);
            var state = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("state", out var s) ? s.GetString() : null;
            if (state is "Failed" or "Cancelled") return false;
        }
        return true;
    }
}
