using System.Globalization;
using Npgsql;
using Prebias.Core.Metrics;

namespace Prebias.Core.SampleMetrics;

/// <summary>
/// Histograms of every scored metric of a dataset, train and val on shared bins, counted in Postgres so that a
/// dataset of millions of samples answers without shipping every value to the caller.
/// </summary>
/// <remarks>
/// Two scans of the dataset's rows: one for every metric's finite range, one that counts all metrics' bins at once
/// through grouping sets. The earlier single query unpivoted every (sample, metric) pair into a materialised set
/// and joined it back to the ranges; at 500,000 samples × 24 metrics it ran past the 30 s command timeout.
/// </remarks>
public static class SampleMetricHistograms
{
    public const int MaxBins = 200;

    /// <summary>The route's default and the dashboard's count; the one <see cref="SampleMetricSummaryStore"/> keeps.</summary>
    public const int DefaultBins = 30;

    public static async Task<IReadOnlyList<MetricHistogram>> ComputeAsync(NpgsqlDataSource dataSource, Guid datasetId,
        int bins, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, MaxBins);
        var ranges = await RangesAsync(dataSource, datasetId, ct);
        if (ranges.Count == 0) return [];

        // Metric names come from the registry, never from the request; bounds and bins are parameters.
        var buckets = ranges.Select((r, i) =>
        {
            var column = "m." + SampleMetricsStore.Quote(r.Metric);
            return $"CASE WHEN {Finite(column)} THEN "
                + $"CASE WHEN @hi{i} > @lo{i} THEN LEAST(width_bucket({column}, @lo{i}, @hi{i}, @bins), @bins) ELSE 1 END "
                + $"END AS b{i}";
        });
        var sets = string.Join(", ", ranges.Select((_, i) => $"(split, b{i})"));
        await using var cmd = dataSource.CreateCommand($"""
            SELECT split, {string.Join(", ", ranges.Select((_, i) => $"b{i}"))}, count(*)
            FROM (SELECT s.split, {string.Join(", ", buckets)}
                  FROM sample_metrics m JOIN samples s ON s.dataset_id = m.dataset_id AND s.id = m.sample_id
                  WHERE m.dataset_id = @d) AS v
            GROUP BY GROUPING SETS ({sets})
            """);
        cmd.Parameters.AddWithValue("d", datasetId);
        cmd.Parameters.AddWithValue("bins", bins);
        for (var i = 0; i < ranges.Count; i++)
        {
            cmd.Parameters.AddWithValue($"lo{i}", ranges[i].Lower);
            cmd.Parameters.AddWithValue($"hi{i}", ranges[i].Upper);
        }
        var histograms = ranges.Select(r => new MetricHistogram(r.Metric, r.Lower, r.Upper, bins, new long[bins],
            new long[bins])).ToList();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            // A row of grouping set i has only b{i} set; a NULL there is the set's missing values, not counted.
            var i = Enumerable.Range(0, ranges.Count).FirstOrDefault(k => !reader.IsDBNull(1 + k), -1);
            if (i < 0) continue;
            var counts = reader.GetString(0) == "val" ? histograms[i].Val : histograms[i].Train;
            counts[reader.GetInt32(1 + i) - 1] += reader.GetInt64(1 + ranges.Count);
        }
        return histograms;
    }

    /// <summary>Each metric's smallest and largest finite value, for the metrics that have one, in registry order.</summary>
    private static async Task<List<(string Metric, double Lower, double Upper)>> RangesAsync(
        NpgsqlDataSource dataSource, Guid datasetId, CancellationToken ct)
    {
        var metrics = MetricRegistry.All;
        // NaN and infinities would stretch the range; they are left out of the bins too.
        var selects = metrics.Select(m => "m." + SampleMetricsStore.Quote(m.Name))
            .Select(c => $"min({c}) FILTER (WHERE {Finite(c)}), max({c}) FILTER (WHERE {Finite(c)})");
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {string.Join(", ", selects)}
            FROM sample_metrics m JOIN samples s ON s.dataset_id = m.dataset_id AND s.id = m.sample_id
            WHERE m.dataset_id = @d
            """);
        cmd.Parameters.AddWithValue("d", datasetId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var ranges = new List<(string, double, double)>();
        if (!await reader.ReadAsync(ct)) return ranges;
        for (var i = 0; i < metrics.Count; i++)
            if (!reader.IsDBNull(2 * i)) ranges.Add((metrics[i].Name, reader.GetDouble(2 * i), reader.GetDouble(2 * i + 1)));
        return ranges;
    }

    private static string Finite(string column) =>
        string.Create(CultureInfo.InvariantCulture, $"{column} > '-Infinity'::float8 AND {column} < 'Infinity'::float8");
}
