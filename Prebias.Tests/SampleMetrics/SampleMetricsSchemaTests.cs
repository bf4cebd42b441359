using Npgsql;
using Prebias.Core.Metrics;
using Prebias.Core.SampleMetrics;

namespace Prebias.Tests.SampleMetrics;

public sealed class SampleMetricsSchemaTests
{
    [Fact]
    public async Task EnsureColumns_AddsEveryRegisteredMetric_WhenAColumnIsMissing()
    {
        await using var dataset = await ScratchMetricsDataset.CreateAsync(1);
        var dataSource = dataset.DataSource;
        // As if distinct_2 were a metric added to the catalog after the last migration.
        await using (var drop = dataSource.CreateCommand("ALTER TABLE sample_metrics DROP COLUMN distinct_2"))
            await drop.ExecuteNonQueryAsync();
        Assert.DoesNotContain("distinct_2", await ColumnsAsync(dataSource));

        await SampleMetricsSchema.EnsureColumnsAsync(dataset.Host.Services);
        await SampleMetricsSchema.EnsureColumnsAsync(dataset.Host.Services);

        var columns = await ColumnsAsync(dataSource);
        Assert.All(MetricRegistry.All, metric => Assert.Contains(metric.Name, columns));
    }

    private static async Task<HashSet<string>> ColumnsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'sample_metrics'");
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new HashSet<string>();
        while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        return columns;
    }
}
