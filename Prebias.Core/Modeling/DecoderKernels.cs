using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Prebias.Core.Modeling;

/// <summary>
/// The element-wise steps of <see cref="SingleSequenceDecoder"/> as inlined 256-bit loops with scalar tails, each the
/// formula of run.c's loop. Vectors here are 64-768 floats and a token calls these ~10 times per layer, so a
/// TensorPrimitives call's fixed cost (and its generic kernels running unoptimised at tier 0 for the first seconds of
/// a process, most of an interactive request) would be a visible share of the token.
/// </summary>
internal static class DecoderKernels
{
    /// <summary>a · b + c, fused where the CPU has FMA (as gcc -march=native contracts run.c's loops).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    /// <summary>o = weight · (x / sqrt(mean(x²) + eps)), run.c's rmsnorm; o may be x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RmsNorm(Span<float> o, ReadOnlySpan<float> x, ReadOnlySpan<float> weight, float eps)
    {
        var n = x.Length;
        if (o.Length < n || weight.Length < n) throw new ArgumentException("o or weight is too short");
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var ro = ref MemoryMarshal.GetReference(o);
        ref var rw = ref MemoryMarshal.GetReference(weight);
        var squares = Vector256<float>.Zero;
        var i = 0;
        for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var v = Vector256.LoadUnsafe(ref rx, (nuint)i);
            squares = MultiplyAdd(v, v, squares);
        }
        var sum = Vector256.Sum(squares);
        for (; i < n; i++) sum += x[i] * x[i];
        var scale = 1f / MathF.Sqrt(sum / n + eps);
        var vscale = Vector256.Create(scale);
        for (i = 0; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var normed = vscale * Vector256.LoadUnsafe(ref rx, (nuint)i);
            (Vector256.LoadUnsafe(ref rw, (nuint)i) * normed).StoreUnsafe(ref ro, (nuint)i);
        }
        for (; i < n; i++) o[i] = weight[i] * (scale * x[i]);
    }

    /// <summary>x += y (the residual connections).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddInPlace(Span<float> x, ReadOnlySpan<float> y)
    {
        var n = x.Length;
        if (y.Length < n) throw new ArgumentException("y is too short", nameof(y));
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var ry = ref MemoryMarshal.GetReference(y);
        var i = 0;
        for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var sum = Vector256.LoadUnsafe(ref rx, (nuint)i) + Vector256.LoadUnsafe(ref ry, (nuint)i);
            sum.StoreUnsafe(ref rx, (nuint)i);
        }
        for (; i < n; i++) x[i] += y[i];
    }

    /// <summary>h = silu(h) · g = h · (1 / (1 + exp(-h))) · g, the SwiGLU gate of the feed-forward.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SiluGate(Span<float> h, ReadOnlySpan<float> g)
    {
        var n = h.Length;
        if (g.Length < n) throw new ArgumentException("g is too short", nameof(g));
        ref var rh = ref MemoryMarshal.GetReference(h);
        ref var rg = ref MemoryMarshal.GetReference(g);
        var one = Vector256<float>.One;
        var i = 0;
        for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var v = Vector256.LoadUnsafe(ref rh, (nuint)i);
            var gated = v * (one / (one + Vector256.Exp(-v))) * Vector256.LoadUnsafe(ref rg, (nuint)i);
            gated.StoreUnsafe(ref rh, (nuint)i);
        }
        for (; i < n; i++) h[i] = h[i] * (1f / (1f + MathF.Exp(-h[i]))) * g[i];
    }

    /// <summary>
    /// RoPE on interleaved pairs (v[2p], v[2p+1]) of each head of <paramref name="vector"/>: a complex multiply by
    /// (cos, sin)[p mod head_size/2] of this position's row of the model's tables.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rotate(Span<float> vector, int headSize, ReadOnlySpan<float> cos, ReadOnlySpan<float> sin)
    {
        for (var head = 0; head + headSize <= vector.Length; head += headSize)
            for (var j = 0; j < headSize / 2; j++)
            {
                var i = head + 2 * j;
                var (a, b) = (vector[i], vector[i + 1]);
                vector[i] = a * cos[j] - b * sin[j];
                vector[i + 1] = a * sin[j] + b * cos[j];
            }
    }
}
