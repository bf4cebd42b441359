using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Prebias.Core.Persistence;
using Prebias.Workers;

namespace Prebias.Tests.Infrastructure;

/// <summary>
/// The API on a fresh database of the test cluster, with no in-process Hangfire server: jobs run only in the
/// worker hosts that tests start with <see cref="StartWorkerAsync"/>, as on a scaled-out deployment.
/// </summary>
public sealed class ApiFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ApiKey = "test-key-0123456789";

    public string ConnectionString { get; } = TestPostgres.NewDatabase();
    public string ArtifactsPath { get; } = Directory.CreateTempSubdirectory("prebias-artifacts-").FullName;

    /// <summary>The one folder whose files a <c>file</c> source may name (Prebias:Import:Roots).</summary>
    public string ImportsPath { get; } = Directory.CreateTempSubdirectory("prebias-imports-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings()) builder.UseSetting(key, value);
    }

    public IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("ConnectionStrings:Prebias", ConnectionString),
        new("Prebias:Auth:ApiKey", ApiKey),
        // PBKDF2 at its production cost would make each wrong-key test request take a quarter second.
        new("Prebias:Auth:Pbkdf2Iterations", "1000"),
        new("Prebias:Artifacts:Path", ArtifactsPath),
        new("Prebias:Import:Roots:0", ImportsPath),
        // The tests' loopback servers listen on 127.0.0.1; "localhost" stays refused, as any loopback host would be.
        new("Prebias:Download:AllowedHosts:0", "127.0.0.1"),
        new("Prebias:Download:MaxRedirects", "3"),
        new("Prebias:Worker:InProcess", "false"),
        new("Prebias:Torch:Threads", "2"),
        // A killed worker's job comes back to another worker after this (the crash-resume test waits for it).
        new("Prebias:Hangfire:InvisibilityTimeoutSeconds", "8"),
        // Tiny untrained models never emit EOS: at the default 200 tokens generations were most of every
        // evaluation, and the suite evaluates a few hundred checkpoints.
        new("Prebias:Evaluation:MaxNewTokens", "32"),
        // Unit tests run torch beside the API tests in this process: borrowed threads would oversubscribe the cores.
        new("Prebias:Evaluation:BorrowFreeThreads", "false"),
    ];

    /// <summary>A client that sends the API key.</summary>
    public HttpClient CreateAuthorizedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Starts a separate worker host (its own DI container and Hangfire server) on the same database.</summary>
    public async Task<IHost> StartWorkerAsync(params string[] queues)
    {
        var host = WorkerHost.Build([], config => config.AddInMemoryCollection(Settings().Concat(
            queues.Select((q, i) => new KeyValuePair<string, string?>($"Prebias:Worker:Queues:{i}", q)))));
        await host.StartAsync();
        return host;
    }

    public async Task InitializeAsync()
    {
        // Creating the server runs Program: migrations are applied by the API at start.
        _ = Server;
        await DatabaseStartup.WaitForDatabaseAsync(Services, TimeSpan.FromSeconds(30));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(ArtifactsPath, recursive: true); } catch (IOException) { }
        try { Directory.Delete(ImportsPath, recursive: true); } catch (IOException) { }
    }
}
