namespace Prebias.Core.Metrics;

/// <summary>
/// The one shared batch aggregate: NaN-aware per-column means of metric vectors over any set of rows of a
/// row-major matrix (as returned by <see cref="TextMetricsScorer.ScoreBatch"/> or read back from sample_metrics).
/// Used for training batches, checkpoint windows and evaluation alike.
/// </summary>
public static class MetricAggregates
{
    /// <summary>Means over the listed rows of a row-major [rows × columns] matrix.</summary>
    public static double[] Mean(ReadOnlySpan<double> matrix, int columns, ReadOnlySpan<int> rows)
    {
        var accumulator = new MetricMeanAccumulator(columns);
        foreach (var row in rows) accumulator.Add(matrix.Slice(row * columns, columns));
        return accumulator.Means();
    }

    /// <summary>Means over every row of a row-major matrix.</summary>
    public static double[] Mean(ReadOnlySpan<double> matrix, int columns)
    {
        var accumulator = new MetricMeanAccumulator(columns);
        for (var offset = 0; offset + columns <= matrix.Length; offset += columns) accumulator.Add(matrix.Slice(offset, columns));
        return accumulator.Means();
    }

    /// <summary>Means over separate row vectors (e.g. rows fetched for a batch of sample ids).</summary>
    public static double[] Mean(IEnumerable<double[]> rows, int columns)
    {
        var accumulator = new MetricMeanAccumulator(columns);
        foreach (var row in rows) accumulator.Add(row);
        return accumulator.Means();
    }
}
