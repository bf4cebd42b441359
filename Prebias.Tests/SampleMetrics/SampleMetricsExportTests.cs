using Parquet;
using Prebias.Core.Metrics;
using Prebias.Core.SampleMetrics;

namespace Prebias.Tests.SampleMetrics;

public sealed class SampleMetricsExportTests
{
    [Fact]
    public async Task Export_WritesEveryRow_InBoundedRowGroups_WithThePageColumnNames()
    {
        await using var dataset = await ScratchMetricsDataset.CreateAsync(250);
        using var file = new MemoryStream();

        var written = await new SampleMetricsExport(dataset.DataSource)
            .WriteParquetAsync(dataset.DatasetId, file, CancellationToken.None, rowGroupRows: 64);

        Assert.Equal(250, written);
        file.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(file);
        Assert.Equal(["id", "documentIndex", "split", "tokenizerTokens", .. MetricRegistry.All.Select(m => m.Name)],
            reader.Schema.DataFields.Select(f => f.Name));
        Assert.Equal([64, 64, 64, 58], reader.RowGroups.Select(g => g.RowCount));

        var ids = new List<int>();
        var sentiment = new List<double?>();
        var column = MetricRegistry.TextMetrics.Select(m => m.Name).ToList().IndexOf("sentiment");
        var sentimentField = reader.Schema.DataFields.Single(f => f.Name == "sentiment");
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var groupIds = new int[group.RowCount];
            var groupSentiment = new double?[group.RowCount];
            await group.ReadAsync<int>(reader.Schema.DataFields[0], groupIds);
            await group.ReadAsync<double>(sentimentField, groupSentiment);
            ids.AddRange(groupIds);
            sentiment.AddRange(groupSentiment);
        }
        Assert.Equal(Enumerable.Range(0, 250), ids);
        var expected = ids.Select(id => ScratchMetricsDataset.ValueOf(id, column))
            .Select(v => double.IsNaN(v) ? null : (double?)v);
        Assert.Equal(expected, sentiment);
    }
}
