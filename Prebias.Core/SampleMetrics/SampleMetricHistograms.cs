using Npgsql;
using Prebias.Core.Metrics;

namespace Prebias.Core.SampleMetrics;

/// <summary>
/// Histograms of every scored metric of a dataset, train and val on shared bins, counted in Postgres so that a
/// dataset of millions of samples answers in one scan instead of shipping every value to the caller.
/// </summary>
public static class SampleMetricHistograms
{
    public const int MaxBins = 200;

    public static async Task<IReadOnlyList<MetricHistogram>> ComputeAsync(NpgsqlDataSource dataSource, Guid datasetId,
        int bins, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, MaxBins);
        // Metric names come from the registry, never from the request; NaN and infinities would stretch the range.
        var values = string.Join(", ",
            MetricRegistry.All.Select(m => $"('{m.Name}', m.{SampleMetricsStore.Quote(m.Name)})"));
        await using var cmd = dataSource.CreateCommand($"""
            WITH v AS (
              SELECT s.split, x.metric, x.value
              FROM sample_metrics m JOIN samples s ON s.dataset_id = m.dataset_id AND s.id = m.sample_id
              CROSS JOIN LATERAL (VALUES {values}) AS x(metric, value)
              WHERE m.dataset_id = @d AND x.value IS NOT NULL
                AND x.value > '-Infinity'::float8 AND x.value < 'Infinity'::float8),
            r AS (SELECT metric, min(value) AS lo, max(value) AS hi FROM v GROUP BY metric)
            SELECT v.metric, r.lo, r.hi, v.split,
                   CASE WHEN r.hi > r.lo THEN LEAST(width_bucket(v.value, r.lo, r.hi, @bins), @bins) ELSE 1 END,
                   count(*)
            FROM v JOIN r USING (metric)
            GROUP BY 1, 2, 3, 4, 5
            """);
        cmd.Parameters.AddWithValue("d", datasetId);
        cmd.Parameters.AddWithValue("bins", bins);
        var histograms = new Dictionary<string, MetricHistogram>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var metric = reader.GetString(0);
            if (!histograms.TryGetValue(metric, out var histogram))
                histograms[metric] = histogram = new MetricHistogram(
                    metric, reader.GetDouble(1), reader.GetDouble(2), bins, new long[bins], new long[bins]);
            var counts = reader.GetString(3) == "val" ? histogram.Val : histogram.Train;
            counts[reader.GetInt32(4) - 1] += reader.GetInt64(5);
        }
        return [.. MetricRegistry.All.Where(m => histograms.ContainsKey(m.Name)).Select(m => histograms[m.Name])];
    }
}
