using Prebias.Core.Corpora;

namespace Prebias.Api.Contracts;

/// <summary>Create a corpus. <c>source.kind</c>: synthetic (default), file, url, tinystories or mixture.</summary>
/// <param name="Name">Display name (defaults to the source kind).</param>
/// <param name="Source">Where the documents come from.</param>
/// <param name="BadDocuments">fail (default) or skip: skipped documents are counted and reported.</param>
/// <param name="MaxDocumentChars">Longer documents are bad documents (default 100,000).</param>
public sealed record CorpusRequest(string? Name, CorpusSourceSpec? Source, string? BadDocuments, int? MaxDocumentChars)
{
    public CorpusImportSpec ToSpec() => new()
    {
        Source = Source ?? new CorpusSourceSpec(),
        BadDocuments = BadDocuments ?? "fail",
        MaxDocumentChars = MaxDocumentChars ?? 100_000,
    };
}
