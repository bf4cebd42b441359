using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Prebias.Core;
using Prebias.Core.Metrics;
using Prebias.Core.SampleMetrics;

namespace Prebias.Tests.SampleMetrics;

/// <summary>
/// The summaries and histograms stored once per dataset answer exactly what the live queries answer, are read from
/// the table (not recomputed), and give way to the live queries as soon as the dataset's values are written again.
/// </summary>
public sealed class SampleMetricSummaryStoreTests
{
    private static readonly string?[] Splits = [null, "train", "val"];

    [Fact]
    public async Task StoredSummariesAndHistograms_EqualTheLiveQueries_AndAreReadFromTheTable()
    {
        await using var dataset = await ScratchMetricsDataset.CreateAsync(300);
        var (store, live) = Services(dataset);
        // An attribute too: the summary lists attr.* after the metric columns.
        await dataset.Host.Services.GetRequiredService<SampleAttributeStore>().ReplaceAsync(dataset.DatasetId,
            Enumerable.Range(0, dataset.Count).Where(id => id % 3 != 0).Select(id => ("level", id, id % 4 * 0.5)),
            CancellationToken.None);
        var ct = CancellationToken.None;

        Assert.True(await store.RefreshAsync(dataset.DatasetId, ct));

        var expected = new Dictionary<string, IReadOnlyList<MetricSummary>>();
        foreach (var split in Splits)
        {
            expected[split ?? "all"] = await live.SummaryAsync(dataset.DatasetId, split, ct);
            Assert.Equal(expected[split ?? "all"], await store.SummaryAsync(dataset.DatasetId, split, ct));
        }
        Assert.Contains(expected["all"], s => s.Metric == "attr.level");
        Assert.Equal(MetricRegistry.TextMetrics.Count + 1, expected["val"].Count);
        var histograms = Json(await SampleMetricHistograms.ComputeAsync(dataset.DataSource, dataset.DatasetId,
            SampleMetricHistograms.DefaultBins, ct));
        Assert.Equal(histograms, Json(await store.HistogramsAsync(dataset.DatasetId,
            SampleMetricHistograms.DefaultBins, ct)));

        // Values removed behind the stores' backs: the stored answers stay, so they come from the table; other
        // bin counts are computed live and see no values.
        await ExecAsync(dataset, "DELETE FROM sample_metrics WHERE dataset_id = @d");
        var left = await live.SummaryAsync(dataset.DatasetId, null, ct);
        Assert.Equal(new[] { "attr.level" }, left.Select(s => s.Metric));
        foreach (var split in Splits)
            Assert.Equal(expected[split ?? "all"], await store.SummaryAsync(dataset.DatasetId, split, ct));
        Assert.Equal(histograms, Json(await store.HistogramsAsync(dataset.DatasetId,
            SampleMetricHistograms.DefaultBins, ct)));
        Assert.Empty(await store.HistogramsAsync(dataset.DatasetId, 7, ct));
    }

    [Fact]
    public async Task AWriteOfTheValues_FallsBackToLive_AndRefreshesKeepOneRowPerDataset()
    {
        await using var dataset = await ScratchMetricsDataset.CreateAsync(100);
        var (store, live) = Services(dataset);
        var ct = CancellationToken.None;
        Assert.True(await store.RefreshAsync(dataset.DatasetId, ct));
        Assert.True(await store.RefreshAsync(dataset.DatasetId, ct)); // a re-delivered job
        Assert.Equal((1L, 1L), await RowsAsync(dataset));

        // A repeated metrics job's write: sentiment becomes 1 everywhere.
        var sentiment = MetricRegistry.Get("sentiment");
        await dataset.Host.Services.GetRequiredService<SampleMetricsStore>().ReplaceAsync(dataset.DatasetId,
            [sentiment], [.. Enumerable.Range(0, dataset.Count)], Enumerable.Repeat(1.0, dataset.Count).ToArray(), ct);
        Assert.Equal((1L, 0L), await RowsAsync(dataset));
        var fresh = await store.SummaryAsync(dataset.DatasetId, null, ct);
        Assert.Equal(await live.SummaryAsync(dataset.DatasetId, null, ct), fresh);
        Assert.Equal(1.0, fresh.Single(s => s.Metric == "sentiment").Mean);

        Assert.True(await store.RefreshAsync(dataset.DatasetId, ct));
        Assert.Equal((1L, 1L), await RowsAsync(dataset));
        Assert.Equal(fresh, await store.SummaryAsync(dataset.DatasetId, null, ct));
    }

    private static (SampleMetricSummaryStore Store, SampleMetricsQueries Live) Services(ScratchMetricsDataset d) =>
        (d.Host.Services.GetRequiredService<SampleMetricSummaryStore>(),
            d.Host.Services.GetRequiredService<SampleMetricsQueries>());

    private static string Json(IReadOnlyList<MetricHistogram> histograms) =>
        JsonSerializer.Serialize(histograms, JsonDefaults.Options);

    /// <summary>The dataset's rows in the table, and how many of them hold stored answers.</summary>
    private static async Task<(long Rows, long Stored)> RowsAsync(ScratchMetricsDataset dataset)
    {
        await using var cmd = dataset.DataSource.CreateCommand(
            "SELECT count(*), count(summaries) FROM sample_metric_summaries WHERE dataset_id = @d");
        cmd.Parameters.AddWithValue("d", dataset.DatasetId);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task ExecAsync(ScratchMetricsDataset dataset, string sql)
    {
        await using var cmd = dataset.DataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("d", dataset.DatasetId);
        await cmd.ExecuteNonQueryAsync();
    }
}
