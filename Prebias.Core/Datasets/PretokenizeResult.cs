namespace Prebias.Core.Datasets;

/// <summary>Totals of a finished pretokenization; the store is at <see cref="StorePath"/>.</summary>
/// <param name="TotalTokens">Sum of TokenCount (BOS included, before truncation).</param>
public sealed record PretokenizeResult(
    string StorePath, TokenStoreHeader Header, long SampleCount, long TrainCount, long ValCount,
    long TruncatedCount, long TotalTokens);
