using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Foundation;

[Collection(ApiCollection.Name)]
public sealed class AuthTests(ApiFixture api)
{
    /// <summary>Walks the route table: every POST/PUT/PATCH/DELETE under /api answers 401 without a valid key.</summary>
    [Fact]
    public async Task EveryWriteEndpoint_Returns401_WhenKeyMissingOrWrong()
    {
        var writes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, e.RoutePattern.RawText!)))
            .Where(e => e.Method is "POST" or "PUT" or "PATCH" or "DELETE" && e.Item2.StartsWith("api/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(writes);

        using var anonymous = api.CreateClient();
        using var wrongKey = api.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");
        var before = await anonymous.GetFromJsonAsync<JsonElement[]>("/api/jobs?limit=1000");

        foreach (var (method, pattern) in writes)
        {
            var url = "/" + FillRouteParameters(pattern);
            foreach (var client in new[] { anonymous, wrongKey })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
                var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url} answered {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        var after = await anonymous.GetFromJsonAsync<JsonElement[]>("/api/jobs?limit=1000");
        Assert.Equal(before!.Length, after!.Length);
    }

    [Fact]
    public async Task Reads_AreOpen_WithoutKey()
    {
        using var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task HangfireDashboard_IsReadOnlyWithoutKey_AndFullWithKey()
    {
        using var anonymous = api.CreateClient();
        var page = await anonymous.GetStringAsync("/hangfire");
        Assert.Contains("Log in for full access", page);
        using var client = api.CreateAuthorizedClient();
        var full = await client.GetStringAsync("/hangfire");
        Assert.DoesNotContain("Log in for full access", full);
    }

    private static string FillRouteParameters(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:]+)(:[^}]+)?\}", m =>
            m.Groups[2].Value.Contains("guid") ? Guid.NewGuid().ToString() : m.Groups[2].Value.Contains("int") || m.Groups[2].Value.Contains("long") ? "1" : "x");
}
