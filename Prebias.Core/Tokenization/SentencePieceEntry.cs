namespace Prebias.Core.Tokenization;

/// <summary>One vocabulary entry of a SentencePiece model: piece text, its score (BPE: minus the merge rank), its type.</summary>
public readonly record struct SentencePieceEntry(string Piece, float Score, SentencePieceType Type);
