namespace Prebias.Core.Metrics;

/// <summary>
/// Running NaN-aware column means of metric vectors: feed rows one at a time (a training batch, the samples
/// between two checkpoints) and read <see cref="Means()"/>. A column's NaN values are skipped; a column with no
/// finite value has mean NaN. Not thread-safe; merge per-thread accumulators with <see cref="Add(MetricMeanAccumulator)"/>.
/// </summary>
public sealed class MetricMeanAccumulator(int columns)
{
    private readonly double[] _sums = new double[columns];
    private readonly long[] _counts = new long[columns];

    public int Columns => _sums.Length;

    /// <summary>Rows added (including rows whose values were all NaN).</summary>
    public long Rows { get; private set; }

    public void Add(ReadOnlySpan<double> row)
    {
        if (row.Length != _sums.Length) throw new ArgumentException($"Expected {_sums.Length} values, got {row.Length}.", nameof(row));
        for (var c = 0; c < row.Length; c++)
        {
            if (double.IsNaN(row[c])) continue;
            _sums[c] += row[c];
            _counts[c]++;
        }
        Rows++;
    }

    public void Add(MetricMeanAccumulator other)
    {
        if (other.Columns != Columns) throw new ArgumentException("Column counts differ.", nameof(other));
        for (var c = 0; c < _sums.Length; c++) (_sums[c], _counts[c]) = (_sums[c] + other._sums[c], _counts[c] + other._counts[c]);
        Rows += other.Rows;
    }

    /// <summary>Non-NaN values seen in column <paramref name="column"/>.</summary>
    public long Count(int column) => _counts[column];

    public void Means(Span<double> destination)
    {
        for (var c = 0; c < _sums.Length; c++) destination[c] = _counts[c] == 0 ? double.NaN : _sums[c] / _counts[c];
    }

    public double[] Means()
    {
        var means = new double[_sums.Length];
        Means(means);
        return means;
    }

    public void Reset()
    {
        Array.Clear(_sums);
        Array.Clear(_counts);
        Rows = 0;
    }
}
