namespace Prebias.Core.SampleMetrics;

/// <summary>
/// A page of samples sorted by a metric (or by id), filtered by a metric range and split, continued after a cursor.
/// <see cref="Sort"/> has been checked against the metric registry.
/// </summary>
public sealed record SampleQuery(
    Guid DatasetId, string? Sort, bool Descending, double? Min, double? Max, string? Split, int Limit, SampleCursor? After);

/// <summary>Keyset cursor: the sort value and sample id of the last row of the previous page (<c>value:id</c>).</summary>
public sealed record SampleCursor(double? Value, int Id)
{
    public override string ToString() => Value is { } v
        ? $"{v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}:{Id}"
        : Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, bool hasSortValue, out SampleCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text)) return true;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (!hasSortValue) return int.TryParse(text, inv, out var plainId) && (cursor = new SampleCursor(null, plainId)) is not null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !double.TryParse(text[..colon], System.Globalization.NumberStyles.Float, inv, out var value)
            || !int.TryParse(text[(colon + 1)..], inv, out var id)) return false;
        cursor = new SampleCursor(value, id);
        return true;
    }
}

/// <summary>One row of a sample page: the sample and its metric values (null where undefined).</summary>
public sealed record SampleMetricsRow(int Id, int DocumentIndex, string Split, int TokenCount, IReadOnlyDictionary<string, double?> Metrics);

/// <summary>Distribution of one metric over a dataset's samples.</summary>
public sealed record MetricSummary(string Metric, long Count, double? Mean, double? Std, double? Min,
    double? P05, double? P25, double? Median, double? P75, double? P95, double? Max);
