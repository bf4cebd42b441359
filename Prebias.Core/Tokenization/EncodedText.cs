namespace Prebias.Core.Tokenization;

/// <summary>Ids and the matching vocabulary pieces of one encoded text (same length, same order).</summary>
public sealed record EncodedText(IReadOnlyList<int> Ids, IReadOnlyList<string> Pieces);
