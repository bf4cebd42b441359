namespace Prebias.Core.Corpora.Import;

/// <summary>How plain text is split into documents.</summary>
public enum PlainTextSplit
{
    /// <summary>A line whose trimmed content equals <see cref="CorpusImportOptions.SeparatorLine"/> ends a document.</summary>
    SeparatorLine,
    /// <summary>One or more blank lines end a document.</summary>
    BlankLines,
}
