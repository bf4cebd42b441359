namespace Prebias.Core.Evaluation;

/// <summary>A token's embedding projected on the first two principal components; <see cref="Frequency"/> when given.</summary>
public sealed record ProjectedToken(int Id, string Piece, double X, double Y, long? Frequency);
