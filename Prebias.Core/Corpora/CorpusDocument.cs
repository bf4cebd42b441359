namespace Prebias.Core.Corpora;

/// <summary>
/// One document of a stored corpus: its zero-based position, its text, and optional string attributes
/// (for the synthetic corpus: the ground truth it was generated with, e.g. "ending" = "happy").
/// </summary>
public sealed record CorpusDocument(int Index, string Text, IReadOnlyDictionary<string, string>? Attributes = null);
