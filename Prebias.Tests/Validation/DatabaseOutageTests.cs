using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Validation;

/// <summary>
/// Postgres goes away under a running API: reads answer 503 with Retry-After (they answered 500). The API runs on a
/// cluster of its own, so stopping it leaves the shared test cluster alone; in the API collection because hosts are
/// not built concurrently.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Reads_Return503WithRetryAfter_WhenPostgresIsDown()
    {
        using var cluster = PostgresCluster.Start();
        var connectionString = cluster.CreateDatabase("outage") + ";Timeout=3";
        await using var api = new OutageApi(connectionString);
        using var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/runs")).StatusCode);

        cluster.Dispose(); // pg_ctl stop -m immediate: pooled connections break, new ones are refused

        foreach (var path in new[] { "/api/runs", $"/api/runs/{Guid.NewGuid()}", "/api/corpora", "/api/jobs?limit=5" })
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"GET {path} answered {(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"GET {path} has no Retry-After");
            Assert.Contains("Database unavailable", body, StringComparison.Ordinal);
        }
    }

    private sealed class OutageApi(string connectionString) : WebApplicationFactory<Program>
    {
        private readonly string _artifacts = Directory.CreateTempSubdirectory("prebias-outage-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Prebias", connectionString);
            builder.UseSetting("Prebias:Auth:ApiKey", ApiFixture.ApiKey);
            builder.UseSetting("Prebias:Artifacts:Path", _artifacts);
            builder.UseSetting("Prebias:Worker:InProcess", "false");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            try { Directory.Delete(_artifacts, recursive: true); } catch (IOException) { }
        }
    }
}
