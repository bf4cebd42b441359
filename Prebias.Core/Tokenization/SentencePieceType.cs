namespace Prebias.Core.Tokenization;

/// <summary>Piece types of sentencepiece_model.proto (<c>SentencePiece.Type</c>), same numeric values.</summary>
public enum SentencePieceType
{
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
}
