namespace Prebias.Core.Corpora.Import;

/// <summary>One rejected document: why, where (e.g. "line 12", "element 3 (line 40)", "data01.json element 7"), and a readable message.</summary>
public sealed record BadDocumentExample(BadDocumentReason Reason, string Location, string Message);
