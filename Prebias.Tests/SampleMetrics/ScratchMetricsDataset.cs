using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Prebias.Core.Metrics;
using Prebias.Core.Persistence;
using Prebias.Core.SampleMetrics;
using Prebias.Tests.Infrastructure;
using Prebias.Workers;

namespace Prebias.Tests.SampleMetrics;

/// <summary>
/// A migrated database holding one dataset of <c>count</c> samples (every 5th in val) with every text metric
/// written through <see cref="SampleMetricsStore"/>: values with many ties, and NULL for every 11th sample, so a
/// sort must break ties by id and skip missing values. No corpus file: only the tables are real.
/// </summary>
internal sealed class ScratchMetricsDataset : IAsyncDisposable
{
    private ScratchMetricsDataset(IHost host, Guid datasetId, int count)
    {
        Host = host;
        DatasetId = datasetId;
        Count = count;
    }

    public IHost Host { get; }
    public Guid DatasetId { get; }
    public int Count { get; }
    public NpgsqlDataSource DataSource => Host.Services.GetRequiredService<NpgsqlDataSource>();

    public static string SplitOf(int id) => id % 5 == 0 ? "val" : "train";

    /// <summary>The value of text metric number <paramref name="metric"/> of sample <paramref name="id"/>.</summary>
    public static double ValueOf(int id, int metric) => id % 11 == 0 ? double.NaN : (id * 7919 + metric) % 13 / 4.0;

    public static async Task<ScratchMetricsDataset> CreateAsync(int count)
    {
        var host = WorkerHost.Build([], config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Prebias"] = TestPostgres.NewDatabase("scratch_metrics"),
            ["Prebias:Artifacts:Path"] = Directory.CreateTempSubdirectory("prebias-scratch-metrics-").FullName,
        }));
        await DatabaseStartup.MigrateAsync(host.Services);
        await SampleMetricsSchema.EnsureColumnsAsync(host.Services);
        var dataset = new ScratchMetricsDataset(host, Guid.NewGuid(), count);
        await using (var insert = dataset.DataSource.CreateCommand("""
            INSERT INTO corpora (id, name, source_kind, source, state, skipped_documents, created_at)
              VALUES (@d, 'scratch', 'test', '{}', 'Ready', 0, now());
            INSERT INTO tokenizers (id, name, kind, source, state, created_at)
              VALUES (@d, 'scratch', 'test', '{}', 'Ready', now());
            INSERT INTO datasets (id, corpus_id, tokenizer_id, max_seq_len, val_fraction, seed, state, created_at)
              VALUES (@d, @d, @d, 1, 0.2, 0, 'Ready', now());
            INSERT INTO samples (dataset_id, id, document_index, token_count, split, truncated)
              SELECT @d, i, i, 10 + i % 7, CASE WHEN i % 5 = 0 THEN 'val' ELSE 'train' END, false
              FROM generate_series(0, @n - 1) AS i;
            """))
        {
            insert.Parameters.AddWithValue("d", dataset.DatasetId);
            insert.Parameters.AddWithValue("n", count);
            await insert.ExecuteNonQueryAsync();
        }
        var metrics = MetricRegistry.TextMetrics;
        var values = new double[count * metrics.Count];
        for (var id = 0; id < count; id++)
            for (var m = 0; m < metrics.Count; m++) values[id * metrics.Count + m] = ValueOf(id, m);
        await host.Services.GetRequiredService<SampleMetricsStore>().ReplaceAsync(dataset.DatasetId, metrics,
            [.. Enumerable.Range(0, count)], values, CancellationToken.None);
        return dataset;
    }

    public ValueTask DisposeAsync()
    {
        Host.Dispose();
        return ValueTask.CompletedTask;
    }
}
