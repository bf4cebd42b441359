using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Prebias.Core.Lifecycle;
using Prebias.Core.Persistence;
using Prebias.Tests.Infrastructure;
using Prebias.Workers;

namespace Prebias.Tests.Lifecycle;

/// <summary>
/// A worker on its own database rides out an outage of that database: once Postgres takes connections again it
/// fetches new work within seconds (Hangfire's default backoff slept attempt² seconds, up to 5 minutes).
/// </summary>
// Its own collection: it mostly waits out the outage, on its own database, so it runs beside the API tests.
[Collection(nameof(OutageRecoveryTests))]
public sealed class OutageRecoveryTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Worker_PicksUpWorkWithinSeconds_AfterTheDatabaseComesBack()
    {
        var connectionString = TestPostgres.NewDatabase("outage");
        var artifacts = Directory.CreateTempSubdirectory("prebias-outage-").FullName;
        using var host = WorkerHost.Build([], config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Prebias"] = connectionString,
            ["Prebias:Artifacts:Path"] = artifacts,
            ["Prebias:Worker:Queues:0"] = "default",
            ["Prebias:Hangfire:InvisibilityTimeoutSeconds"] = "8",
        }));
        await DatabaseStartup.MigrateAsync(host.Services);
        await host.StartAsync();
        try
        {
            await RunOneJobAsync(host, TimeSpan.FromSeconds(30));

            var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            await using (var admin = await OpenAdminAsync(connectionString))
            {
                await Execute(admin, $"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS false");
                await Execute(admin, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");
                await Task.Delay(Outage);
                await Execute(admin, $"ALTER DATABASE \"{database}\" WITH ALLOW_CONNECTIONS true");
            }
            NpgsqlConnection.ClearAllPools();

            var pickedUp = await RunOneJobAsync(host, TimeSpan.FromSeconds(60));
            // Hangfire's default backoff would next try about 15 s after a 40 s outage; ours within 5 s, plus the
            // job itself.
            Assert.True(pickedUp < TimeSpan.FromSeconds(12),
                $"the first job after a {Outage.TotalSeconds:F0} s outage took {pickedUp.TotalSeconds:F1} s");
        }
        finally
        {
            await host.StopAsync();
            try { Directory.Delete(artifacts, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Enqueues a short real job (the reconciler) and returns how long it took to succeed.</summary>
    private static async Task<TimeSpan> RunOneJobAsync(IHost host, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var jobs = host.Services.GetRequiredService<IBackgroundJobClient>();
        var storage = host.Services.GetRequiredService<JobStorage>();
        // The client may still find the database waking up: it retries like any caller.
        var id = await Poll.UntilAsync(() =>
        {
            try { return Task.FromResult<string?>(jobs.Enqueue<ResourceReconcilerJob>(j => j.RunAsync(CancellationToken.None))); }
            catch (Exception) { return Task.FromResult<string?>(null); }
        }, id => id is not null, timeout, "the job to be enqueued");
        await Poll.UntilAsync(() =>
        {
            try { using var connection = storage.GetConnection(); return Task.FromResult(connection.GetJobData(id!)?.State); }
            catch (Exception) { return Task.FromResult<string?>(null); }
        }, state => state == "Succeeded", timeout, $"job {id} to succeed");
        return clock.Elapsed;
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync(string connectionString)
    {
        var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        return admin;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
