namespace Prebias.Core.Corpora;

/// <summary>A run of consecutive documents' texts: <c>Texts[k]</c> is document <c>FirstIndex + k</c>.</summary>
public sealed record CorpusTextBatch(int FirstIndex, IReadOnlyList<string> Texts);
