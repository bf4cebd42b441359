namespace Prebias.Core.Domain;

/// <summary>
/// One training sample. Its id is the document's index in the corpus: stable across re-runs of the dataset job
/// and across datasets of the same corpus, so metrics, orders and ledgers can be joined on it.
/// </summary>
public sealed class SampleRecord
{
    public Guid DatasetId { get; set; }
    public int Id { get; set; }
    public int DocumentIndex { get; set; }

    /// <summary>Tokens including BOS and EOS, before truncation (the stored row holds at most maxSeqLen + 1 of them) (the rest of the row is padding).</summary>
    public int TokenCount { get; set; }

    /// <summary><c>train</c> or <c>val</c>.</summary>
    public required string Split { get; set; }
    public bool Truncated { get; set; }
}
