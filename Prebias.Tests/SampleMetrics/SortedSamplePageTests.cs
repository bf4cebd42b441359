using Microsoft.Extensions.DependencyInjection;
using Prebias.Core.Metrics;
using Prebias.Core.SampleMetrics;

namespace Prebias.Tests.SampleMetrics;

/// <summary>
/// Sorted sample pages read sample_metrics in the order of its per-metric index: each page must equal the same
/// slice of an in-memory sort of the rows (value, then id; missing values left out), and next pages continue exactly.
/// </summary>
public sealed class SortedSamplePageTests
{
    private const string Metric = "sentiment";

    // One database for every case: each scratch database costs a migration (seconds on a loaded machine).
    [Fact]
    public async Task Pages_EqualAnInMemorySort_AndContinueExactly()
    {
        await using var dataset = await ScratchMetricsDataset.CreateAsync(300);
        (bool, string?)[] cases = [(false, null), (true, null), (false, "val"), (true, "train")];
        foreach (var (descending, split) in cases)
            await AssertPagesAsync(dataset, descending, split);

        var indexes = await IndexesAsync(dataset);
        Assert.All(MetricRegistry.TextMetrics,
            m => Assert.Contains(SampleMetricsSchema.SortIndexName(dataset.DatasetId, m.Name), indexes));
    }

    private static async Task AssertPagesAsync(ScratchMetricsDataset dataset, bool descending, string? split)
    {
        var column = MetricRegistry.TextMetrics.Select(m => m.Name).ToList().IndexOf(Metric);
        var rows = Enumerable.Range(0, dataset.Count)
            .Where(id => split is null || ScratchMetricsDataset.SplitOf(id) == split)
            .Select(id => (Id: id, Value: ScratchMetricsDataset.ValueOf(id, column)))
            .Where(r => !double.IsNaN(r.Value)).ToList();
        var expected = (descending
            ? rows.OrderByDescending(r => r.Value).ThenByDescending(r => r.Id)
            : rows.OrderBy(r => r.Value).ThenBy(r => r.Id)).Select(r => r.Id).ToList();
        var queries = dataset.Host.Services.GetRequiredService<SampleMetricsQueries>();

        var seen = new List<int>();
        SampleCursor? after = null;
        while (true)
        {
            var page = await queries.PageAsync(
                new SampleQuery(dataset.DatasetId, Metric, descending, null, null, split, 17, after),
                CancellationToken.None);
            if (page.Count == 0) break;
            Assert.All(page, r => Assert.Equal(ScratchMetricsDataset.ValueOf(r.Id, column), r.Metrics[Metric]));
            seen.AddRange(page.Select(r => r.Id));
            after = new SampleCursor(page[^1].Metrics[Metric], page[^1].Id);
        }

        Assert.Equal(expected, seen);
    }

    private static async Task<HashSet<string>> IndexesAsync(ScratchMetricsDataset dataset)
    {
        await using var command = dataset.DataSource.CreateCommand(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'sample_metrics'");
        await using var reader = await command.ExecuteReaderAsync();
        var indexes = new HashSet<string>();
        while (await reader.ReadAsync()) indexes.Add(reader.GetString(0));
        return indexes;
    }
}
