namespace Prebias.Core.Datasets;

/// <summary>Totals of a finished pretokenization; the store is at StorePath.
/// TotalTokens = sum of TokenCount (BOS and EOS included, before truncation).
/// </summary>
public sealed record PretokenizeResult(
    string StorePath, TokenStoreHeader Header, long SampleCount, long TrainCount, long ValCount,
    long TruncatedCount, long TotalTokens);
