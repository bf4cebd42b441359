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
        "ALTER TABLE sample_metrics " + string.Join(", ", MetricRegistry.All
            .Where(m => m.Kind is MetricKind.Text or MetricKind.Model)
            .Select(m => $"ADD COLUMN IF NOT EXISTS {SampleMetricsStore.Quote(m.Name)} double precision"));

    public static async Task EnsureColumnsAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand(AddMissingColumnsSql());
        await command.ExecuteNonQueryAsync(ct);
    }
}
