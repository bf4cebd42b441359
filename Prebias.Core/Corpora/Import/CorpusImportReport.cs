namespace Prebias.Core.Corpora.Import;

/// <summary>
/// The outcome of an import: documents written, bad documents skipped (by reason, plus the first few examples).
/// <see cref="Corpus"/> is set when the importer completed the corpus itself (<c>CorpusFileImporter.ImportToDirectory</c>).
/// </summary>
public sealed record CorpusImportReport(
    int Imported,
    int Skipped,
    IReadOnlyDictionary<BadDocumentReason, int> SkippedByReason,
    IReadOnlyList<BadDocumentExample> Examples,
    CorpusSummary? Corpus = null);
