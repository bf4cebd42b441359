using Prebias.Core.Domain;

namespace Prebias.Api.Contracts;

/// <summary>A pretokenized dataset: counts, split sizes and the sha256 of its token store.</summary>
public sealed record DatasetResponse(
    Guid Id, Guid CorpusId, Guid TokenizerId, int MaxSeqLen, double ValFraction, long Seed, ResourceState State,
    int? SampleCount, int? TrainCount, int? ValCount, int? TruncatedCount, long? TokenCount, int? PadId, string? TokenStoreSha256,
    string? JobId, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static DatasetResponse From(DatasetRecord d) => new(
        d.Id, d.CorpusId, d.TokenizerId, d.MaxSeqLen, d.ValFraction, d.Seed, d.State, d.SampleCount, d.TrainCount, d.ValCount,
        d.TruncatedCount, d.TokenCount, d.PadId, d.TokenStoreSha256, d.JobId, d.Error, d.CreatedAt, d.CompletedAt);
}

/// <summary>One sample: BOS + tokens (without padding), its document's text, split and whether it was truncated.</summary>
public sealed record SampleResponse(int Id, int DocumentIndex, string Split, IReadOnlyList<int> Tokens, string Text, bool Truncated);
