using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Prebias.Core.Persistence;
using Prebias.Tests.Infrastructure;
using Prebias.Workers;

namespace Prebias.Tests.Foundation;

[Collection(ApiCollection.Name)]
public sealed class HostingTests(ApiFixture api)
{
    [Fact]
    public async Task HealthLive_IsOk_WithoutTouchingTheDatabase()
    {
        using var client = api.CreateClient();
        var live = await client.GetFromJsonAsync<JsonElement>("/health/live");
        Assert.Equal("Healthy", live.GetProperty("status").GetString());
        Assert.Empty(live.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task HealthReady_ChecksPostgresHangfireAndTorch()
    {
        using var client = api.CreateClient();
        var response = await client.GetAsync("/health/ready");
        var ready = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, ready.ToString());
        var checks = ready.GetProperty("checks");
        foreach (var name in new[] { "postgres", "hangfire", "torch" })
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
        Assert.Contains("libtorch 2.10", checks.GetProperty("torch").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Swagger_DocumentsEveryApiRoute_WithSummaries()
    {
        using var client = api.CreateClient();
        var doc = await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var paths = doc.GetProperty("paths");
        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!, @":[a-z]+\}", "}").TrimEnd('/'))
            .Where(r => r.StartsWith("/api/", StringComparison.Ordinal)).Distinct().ToList();
        Assert.NotEmpty(routes);
        foreach (var route in routes)
        {
            Assert.True(paths.TryGetProperty(route, out var item), $"{route} missing from swagger.json");
            foreach (var operation in item.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete"))
                Assert.True(operation.Value.TryGetProperty("summary", out _), $"{operation.Name} {route} has no summary");
        }
        Assert.True(doc.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/index.html")).StatusCode);
    }

    [Fact]
    public async Task WorkerHost_ExitsWithCode2AndOneClearLine_WhenPostgresIsUnreachable()
    {
        using var host = WorkerHost.Build([], config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Prebias"] = "Host=127.0.0.1;Port=1;Username=postgres;Timeout=1",
        }));
        var ex = await Assert.ThrowsAsync<DatabaseUnavailableException>(() =>
            DatabaseStartup.WaitForDatabaseAsync(host.Services, TimeSpan.FromSeconds(1)));
        Assert.Contains("127.0.0.1:1", ex.Message);

        var exitCode = await WorkerHost.RunAsync(["--ConnectionStrings:Prebias=Host=127.0.0.1;Port=1;Username=postgres;Timeout=1", "--Prebias:DatabaseWaitSeconds=1"]);
        Assert.Equal(2, exitCode);
    }
}
