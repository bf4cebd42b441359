namespace Prebias.Core.Corpora.Import;

/// <summary>Why a document (or a whole file) was rejected.</summary>
public enum BadDocumentReason
{
    InvalidJson,
    MissingTextField,
    EmptyDocument,
    InvalidUtf8,
    TooLong,
    /// <summary>The file or archive yielded no documents at all (always fatal).</summary>
    EmptyCorpus,
    /// <summary>The file or archive ends early (e.g. a truncated tar.gz; always fatal).</summary>
    Truncated,
    /// <summary>The file is not in the format it claims (e.g. not a Parquet file; always fatal).</summary>
    UnreadableFile,
}
