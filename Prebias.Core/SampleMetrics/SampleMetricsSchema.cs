using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Prebias.Core.Metrics;

namespace Prebias.Core.SampleMetrics;

/// <summary>
/// Keeps the columns of <c>sample_metrics</c> in step with <see cref="MetricRegistry"/>: at start-up, after the
/// migrations, every registered text or model metric gets its <c>double precision</c> column if it lacks one. So a new
/// metric needs no hand-written migration; existing rows read NULL for it until the metrics job runs again. Columns
/// of metrics that left the registry stay (dropping data is a migration's decision, not start-up's).
/// </summary>
public static class SampleMetricsSchema
{
    /// <summary>The statement for the current registry; names come from the catalog, never from a request.</summary>
    public static string AddMissingColumnsSql() =>
        "ALTER TABLE sample_metrics " + string.Join(", ", Columns()
            .Select(m => $"ADD COLUMN IF NOT EXISTS {SampleMetricsStore.Quote(m.Name)} double precision"));

    /// <summary>
    /// One btree per metric on <c>(dataset_id, metric, sample_id)</c>: the key order of a sorted sample page
    /// (<see cref="SampleMetricsQueries.PageAsync"/>), so a page and its next pages read 100 index entries instead of
    /// sorting the dataset's whole column on every request. Every metrics COPY maintains them; the pipeline benchmark
    /// measures what that costs.
    /// </summary>
    public static IEnumerable<string> SortIndexSql() => Columns().Select(m =>
        $"CREATE INDEX IF NOT EXISTS {SortIndexName(m.Name)} ON sample_metrics " +
        $"(dataset_id, {SampleMetricsStore.Quote(m.Name)}, sample_id)");

    /// <summary>The longest registry name (30 characters) keeps this under Postgres's 63-byte identifiers.</summary>
    public static string SortIndexName(string metric) => $"ix_sample_metrics_sort_{metric}";

    public static async Task EnsureColumnsAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await using (var command = dataSource.CreateCommand(AddMissingColumnsSql()))
            await command.ExecuteNonQueryAsync(ct);
        await using var batch = dataSource.CreateBatch();
        foreach (var sql in SortIndexSql()) batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        // An index added to a table that already holds millions of rows is built here, once.
        batch.Timeout = 0;
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static IEnumerable<MetricDefinition> Columns() =>
        MetricRegistry.All.Where(m => m.Kind is MetricKind.Text or MetricKind.Model);
}
