namespace Prebias.Core.Corpora.Import;

/// <summary>User corpus file formats. <see cref="Auto"/> picks one from the extension, then the first bytes.</summary>
public enum CorpusFileFormat
{
    Auto,
    /// <summary><c>[{"story": "..."}, ...]</c>: a JSON array of objects with a text field.</summary>
    JsonArray,
    /// <summary>One JSON object per line with a text field.</summary>
    JsonLines,
    /// <summary>Plain UTF-8 text split into documents by a separator line or blank lines.</summary>
    PlainText,
    /// <summary>Apache Parquet: one document per row of a string column, other scalar columns kept as attributes.</summary>
    Parquet,
}
