namespace Prebias.Core.Datasets;

/// <summary>A dataset request (<c>POST /api/datasets</c>).</summary>
public sealed record DatasetSpec
{
    public Guid CorpusId { get; init; }
    public Guid TokenizerId { get; init; }

    /// <summary>Context length T: each sample row holds T + 1 tokens (inputs and shifted targets), as llama2.c.</summary>
    public int MaxSeqLen { get; init; } = 256;

    /// <summary>Share of documents in the validation split, chosen per document from the seed.</summary>
    public double ValFraction { get; init; } = 0.05;

    public long Seed { get; init; } = 1337;
}
