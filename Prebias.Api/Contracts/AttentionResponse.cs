namespace Prebias.Api.Contracts;

/// <summary>
/// Attention weights of the fixed probe input at one checkpoint (see <c>AttentionProbe</c>).
/// </summary>
/// <param name="Shape">(n_layers, n_heads, T, T).</param>
/// <param name="Tokens">The probe's T token ids, BOS first.</param>
/// <param name="Pieces">The T token pieces, e.g. <c>&lt;s&gt;</c>, <c>▁Once</c>.</param>
/// <param name="Weights">Flat, row-major (L, H, T, T): weight [l, h, query, key] at ((l·H + h)·T + query)·T + key.</param>
public sealed record AttentionResponse(long[] Shape, int[] Tokens, string[] Pieces, float[] Weights);
