namespace Prebias.Core.Domain;

/// <summary>
/// A corpus pretokenized with a tokenizer: one sample per document (BOS + tokens, truncated to maxSeqLen + 1,
/// padded), a deterministic train/val split, a flat token store in the artifact store and a <c>samples</c> table.
/// </summary>
public sealed class DatasetRecord
{
    public Guid Id { get; set; }
    public Guid CorpusId { get; set; }
    public Guid TokenizerId { get; set; }
    public int MaxSeqLen { get; set; }
    public double ValFraction { get; set; }
    public long Seed { get; set; }

    public ResourceState State { get; set; } = ResourceState.Pending;
    public string? JobId { get; set; }
    public string? Error { get; set; }
    public int? SampleCount { get; set; }
    public int? TrainCount { get; set; }
    public int? ValCount { get; set; }
    public int? TruncatedCount { get; set; }
    public long? TokenCount { get; set; }
    public int? PadId { get; set; }
    public string? TokenStoreSha256 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public string ArtifactKey => $"datasets/{Id:N}";
    public string TokenStoreKey => $"{ArtifactKey}/tokens.bin";
}
