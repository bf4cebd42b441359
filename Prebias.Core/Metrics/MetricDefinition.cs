namespace Prebias.Core.Metrics;

/// <summary>
/// One metric column. <see cref="Name"/> is snake_case, a valid unquoted SQL identifier, stable across versions
/// (it is the column name in <c>sample_metrics</c>). <see cref="HigherMeans"/> says what a higher value means.
/// <see cref="Index"/> is the position in <see cref="MetricRegistry.All"/>.
/// </summary>
public sealed record MetricDefinition(string Name, string Description, MetricRange Range, string HigherMeans, MetricKind Kind)
{
    public int Index { get; internal init; }

    /// <summary>
    /// True for text metrics scored against the dataset's train split (<c>oov_rate</c>, <c>ngram_perplexity</c>): the
    /// scorer needs that dataset's <see cref="Ngrams.KneserNeyTrigramModel"/>.
    /// </summary>
    public bool NeedsReference { get; internal init; }

    /// <summary>The formula that computes it from a text's features (text metrics only).</summary>
    internal TextFormula? Formula { get; init; }
}
