namespace Prebias.Core.Evaluation;

/// <summary>
/// Attention weights of one probe input: <see cref="Weights"/> is row-major float (Layers, Heads, T, T), row q of a
/// map the softmax over keys 0..q of query q; <see cref="Tokens"/> and <see cref="Pieces"/> label the T positions.
/// </summary>
public sealed record AttentionMaps(int Layers, int Heads, int[] Tokens, string[] Pieces, float[] Weights)
{
    public int Length => Tokens.Length;
}
