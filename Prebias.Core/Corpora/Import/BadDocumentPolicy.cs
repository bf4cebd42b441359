namespace Prebias.Core.Corpora.Import;

/// <summary>What an import does with a bad document (invalid JSON, missing text field, empty, too long, not UTF-8).</summary>
public enum BadDocumentPolicy
{
    /// <summary>The first bad document fails the import with a <see cref="CorpusImportException"/>.</summary>
    Fail,
    /// <summary>Bad documents are skipped, counted by reason and reported with the first few examples.</summary>
    Skip,
}
