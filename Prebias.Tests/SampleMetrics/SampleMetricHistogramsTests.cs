using Prebias.Core.Metrics;
using Prebias.Core.SampleMetrics;

namespace Prebias.Tests.SampleMetrics;

/// <summary>Histograms counted in Postgres equal the same bins counted here from the values that were written.</summary>
public sealed class SampleMetricHistogramsTests
{
    [Fact]
    public async Task Histograms_EqualAnInMemoryCount_OnSharedBinsPerSplit_SkippingMissingValues()
    {
        await using var dataset = await ScratchMetricsDataset.CreateAsync(300);
        const int bins = 7;

        var histograms = await SampleMetricHistograms.ComputeAsync(dataset.DataSource, dataset.DatasetId, bins,
            CancellationToken.None);

        var metrics = MetricRegistry.TextMetrics;
        Assert.Equal(metrics.Select(m => m.Name), histograms.Select(h => h.Metric));
        for (var m = 0; m < metrics.Count; m++)
        {
            var values = Enumerable.Range(0, dataset.Count)
                .Select(id => (Id: id, Value: ScratchMetricsDataset.ValueOf(id, m)))
                .Where(v => double.IsFinite(v.Value)).ToList();
            var (lo, hi) = (values.Min(v => v.Value), values.Max(v => v.Value));
            var (train, val) = (new long[bins], new long[bins]);
            foreach (var (id, value) in values)
            {
                // Postgres' width_bucket: equal-width bins over [lo, hi); the maximum goes into the last bin.
                var bin = hi > lo ? Math.Min((int)Math.Floor((value - lo) / (hi - lo) * bins), bins - 1) : 0;
                (ScratchMetricsDataset.SplitOf(id) == "val" ? val : train)[bin]++;
            }
            var histogram = histograms[m];
            Assert.Equal((lo, hi), (histogram.Lower, histogram.Upper));
            Assert.Equal(train, histogram.Train);
            Assert.Equal(val, histogram.Val);
        }
    }
}
