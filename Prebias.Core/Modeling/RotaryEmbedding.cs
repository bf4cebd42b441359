using static TorchSharp.torch;

namespace Prebias.Core.Modeling;

/// <summary>
/// Rotary position embeddings (Su et al. 2021, RoFormer) exactly as llama2.c's <c>precompute_freqs_cis</c> and
/// <c>apply_rotary_emb</c>: each head vector is read as head_dim/2 complex numbers whose real and imaginary parts are
/// interleaved (x[..., 0::2], x[..., 1::2]), and pair i at position t is rotated by t·theta^(-2i/head_dim).
/// </summary>
public static class RotaryEmbedding
{
    /// <summary>llama2.c's default rotary base.</summary>
    public const double DefaultTheta = 10000.0;

    /// <summary>Cosine and sine tables, each (end, headDim/2), fp32.</summary>
    public static (Tensor Cos, Tensor Sin) Precompute(long headDim, long end, double theta = DefaultTheta)
    {
        using var scope = NewDisposeScope();
        // (headDim/2): 1 / theta^(2i/headDim)
        var inverse = 1.0 / pow(theta, arange(0, headDim, 2, dtype: ScalarType.Float32)[..(int)(headDim / 2)] / headDim);
        var positions = arange(end, dtype: ScalarType.Float32); // (end)
        var angles = outer(positions, inverse);                  // (end, headDim/2)
        return (cos(angles).MoveToOuterDisposeScope(), sin(angles).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Rotates <paramref name="x"/> (B, T, heads, headDim) by the tables' rows for its T positions
    /// (<paramref name="cos"/> and <paramref name="sin"/> are (T, headDim/2)). Returns a tensor of x's shape and type.
    /// </summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var shape = x.shape;
        // (B, T, H, hd) -> (B, T, H, hd/2, 2): last axis holds (real, imag) of each interleaved pair.
        var pairs = x.to_type(ScalarType.Float32).reshape(shape[0], shape[1], shape[2], shape[3] / 2, 2);
        var real = pairs.select(-1, 0); // (B, T, H, hd/2)
        var imag = pairs.select(-1, 1); // (B, T, H, hd/2)
        // (T, hd/2) -> (1, T, 1, hd/2) to broadcast over batch and heads.
        var c = cos.view(1, shape[1], 1, shape[3] / 2);
        var s = sin.view(1, shape[1], 1, shape[3] / 2);
        var outReal = real * c - imag * s;
        var outImag = real * s + imag * c;
        // (B, T, H, hd/2, 2) -> (B, T, H, hd): re-interleave the pairs.
        var rotated = stack([outReal, outImag], dim: -1).flatten(3);
        return rotated.type_as(x).MoveToOuterDisposeScope();
    }
}
