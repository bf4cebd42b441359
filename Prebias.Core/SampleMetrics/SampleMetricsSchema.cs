using System.Security.Cryptography;
using System.Text;
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
    /// One btree per metric of one dataset, on <c>(metric, sample_id)</c> where the value exists: the key order of a
    /// sorted sample page (<see cref="SampleMetricsQueries.PageAsync"/>), so a page and its next pages read 100 index
    /// entries instead of sorting the dataset's whole column on every request. Partial (one dataset each) because an
    /// index maintained row by row during a COPY of millions of rows in random value order made the COPY about 100×
    /// slower; <see cref="SampleMetricsStore"/> drops a dataset's indexes before its COPY and builds them, sorted in
    /// bulk, after it.
    /// </summary>
    public static IEnumerable<string> CreateSortIndexesSql(Guid datasetId) => Columns().Select(m =>
        $"CREATE INDEX IF NOT EXISTS {SortIndexName(datasetId, m.Name)} ON sample_metrics " +
        $"({SampleMetricsStore.Quote(m.Name)}, sample_id) " +
        $"WHERE dataset_id = '{datasetId:D}' AND {SampleMetricsStore.Quote(m.Name)} IS NOT NULL");

    public static IEnumerable<string> DropSortIndexesSql(Guid datasetId) =>
        Columns().Select(m => $"DROP INDEX IF EXISTS {SortIndexName(datasetId, m.Name)}");

    /// <summary>
    /// The dataset and a hash of the metric's name (45 characters: a dataset id and a 30-character metric name would
    /// pass Postgres's 63), so a metric added to the registry never renames another's index.
    /// </summary>
    public static string SortIndexName(Guid datasetId, string metric) =>
        $"sms_{datasetId:N}_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(metric)))[..8]}";

    public static async Task EnsureColumnsAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand(AddMissingColumnsSql());
        await command.ExecuteNonQueryAsync(ct);
    }

    private static IEnumerable<MetricDefinition> Columns() =>
        MetricRegistry.All.Where(m => m.Kind is MetricKind.Text or MetricKind.Model);
}
