namespace Prebias.Core.Corpora;

/// <summary>A corpus request: its source plus how bad documents are handled.</summary>
public sealed record CorpusImportSpec
{
    public CorpusSourceSpec Source { get; init; } = new();

    /// <summary><c>fail</c> (default: the first bad document fails the import) or <c>skip</c> (skip, count and report).</summary>
    public string BadDocuments { get; init; } = "fail";

    /// <summary>Documents longer than this many characters are bad documents (one enormous document must not stall a job).</summary>
    public int MaxDocumentChars { get; init; } = 100_000;
}
