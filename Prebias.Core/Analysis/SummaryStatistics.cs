namespace Prebias.Core.Analysis;

/// <summary>
/// Summary of one metric over a set of values (e.g. one checkpoint's metric across seeds). NaN values are left out and
/// counted in <see cref="MissingCount"/>. With no finite value everything is NaN; with one value
/// <see cref="StandardDeviation"/> is NaN (a sample std needs two). Quantiles are type 7 (numpy's default).
/// </summary>
public sealed record SummaryStatistics(
    int Count,
    int MissingCount,
    double Mean,
    double StandardDeviation,
    double Min,
    double Q25,
    double Median,
    double Q75,
    double Max);
