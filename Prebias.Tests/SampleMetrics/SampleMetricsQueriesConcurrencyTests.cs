using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Prebias.Core.Persistence;
using Prebias.Core.SampleMetrics;
using Prebias.Tests.Infrastructure;
using Prebias.Workers;

namespace Prebias.Tests.SampleMetrics;

/// <summary>
/// The aggregate queries that evaluation jobs run side by side share one pooled data source. MeanAsync used to dispose
/// its data reader twice; Npgsql reuses a reader per pooled connection, so the second dispose could drain another
/// caller's query, and an evaluation then waited forever for results that had gone to someone else.
/// </summary>
public sealed class SampleMetricsQueriesConcurrencyTests
{
    [Fact]
    public async Task MeansSummariesAndMetricLists_AllComplete_WhenManyRunAtOnceOnFewConnections()
    {
        // Few connections, many callers: each connection (and its reader) passes from caller to caller quickly.
        var connectionString = TestPostgres.NewDatabase("concurrency") + ";Maximum Pool Size=3";
        using var host = WorkerHost.Build([], config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Prebias"] = connectionString,
            ["Prebias:Artifacts:Path"] = Directory.CreateTempSubdirectory("prebias-concurrency-").FullName,
        }));
        await DatabaseStartup.MigrateAsync(host.Services);
        var queries = host.Services.GetRequiredService<SampleMetricsQueries>();
        var store = host.Services.GetRequiredService<SampleMetricsStore>();
        var dataset = Guid.NewGuid();
        int[] ids = [.. Enumerable.Range(0, 50)];

        var calls = Enumerable.Range(0, 120).Select(i => (i % 3) switch
        {
            0 => (Task)queries.MeanAsync(dataset, ids[..(1 + i % 50)], CancellationToken.None),
            1 => queries.SummaryAsync(dataset, null, CancellationToken.None),
            _ => store.ComputedMetricsAsync(dataset, CancellationToken.None),
        }).ToList();

        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(calls, c => Assert.True(c.IsCompletedSuccessfully));
    }
}
