namespace Prebias.Core.Datasets;

/// <summary>
/// One row of a pretokenized dataset, for the <c>samples</c> table. SampleId = DocumentIndex = row index in the
/// token store: every document gets exactly one row in document order, so ids are stable across reruns.
/// TokenCount: BOS + text tokens + EOS before truncation. StoredLength: real tokens in the row
/// (min(TokenCount, maxSeqLen + 1)); the rest is padding. Truncated: TokenCount exceeded maxSeqLen + 1, so the row
/// lost at least its EOS.
/// </summary>
public readonly record struct PretokenizedSample(
    long SampleId, long DocumentIndex, DatasetSplit Split, int TokenCount, int StoredLength, bool Truncated);
