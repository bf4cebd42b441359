using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Prebias.Core.Modeling;

/// <summary>
/// The KV cache of <see cref="SingleSequenceDecoder"/> in plain arrays, and attention over it for one query head.
/// Keys are stored transposed, (layer, kv_head, head_size, position), so the scores of 8 positions are one vector
/// and q·k needs no horizontal sum (stories260k's heads are 8 floats: run.c's per-position dot product is mostly
/// reduction). Values stay (layer, position, kv_dim), as run.c's, for the weighted sum over positions.
/// </summary>
internal sealed class SingleSequenceKvCache
{
    private const int Lanes = 8; // Vector256<float>.Count

    private readonly int _kvHeads, _headSize, _kvDim, _seqLen, _capacity;
    private readonly float[] _keys;   // (layer, kv_head, head_size, capacity)
    private readonly float[] _values; // (layer, seq_len, kv_dim)
    private readonly float _sqrtHeadSize;

    public SingleSequenceKvCache(int layers, int kvHeads, int headSize, int seqLen)
    {
        (_kvHeads, _headSize, _kvDim, _seqLen) = (kvHeads, headSize, kvHeads * headSize, seqLen);
        _capacity = (seqLen + Lanes - 1) / Lanes * Lanes; // whole vectors of positions
        _keys = new float[layers * kvHeads * headSize * _capacity];
        _values = new float[layers * seqLen * _kvDim];
        _sqrtHeadSize = MathF.Sqrt(headSize);
    }

    /// <summary>Positions rounded up to whole vectors: the length of a score buffer for <see cref="Attend"/>.</summary>
    public int Capacity => _capacity;

    /// <summary>Stores this position's keys and values (kv_dim each) of layer <paramref name="layer"/>.</summary>
    public void Store(int layer, int pos, ReadOnlySpan<float> keys, ReadOnlySpan<float> values)
    {
        var keyBase = layer * _kvDim * _capacity + pos;
        for (var i = 0; i < _kvDim; i++) _keys[keyBase + i * _capacity] = keys[i]; // row i = (kv_head, dim in head)
        values[.._kvDim].CopyTo(_values.AsSpan((layer * _seqLen + pos) * _kvDim));
    }

    /// <summary>
    /// <paramref name="output"/> (head_size) = softmax(q·K / √head_size) V over positions 0..pos of kv head
    /// <paramref name="kvHead"/>, run.c's attention for one query head. <paramref name="scores"/> is scratch of
    /// <see cref="Capacity"/> floats (one per worker thread).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Attend(int layer, int kvHead, int pos, ReadOnlySpan<float> q, Span<float> output, Span<float> scores)
    {
        var count = pos + 1;
        var vectors = (count + Lanes - 1) / Lanes;
        if (q.Length < _headSize || output.Length < _headSize || scores.Length < vectors * Lanes || pos >= _seqLen)
            throw new ArgumentException("q, output or scores is too short, or pos is outside the context");
        ref var keys = ref _keys[(layer * _kvHeads + kvHead) * _headSize * _capacity];
        ref var rs = ref MemoryMarshal.GetReference(scores);
        Scores(ref keys, q, ref rs, vectors);
        for (var t = count; t < vectors * Lanes; t++) scores[t] = float.NegativeInfinity; // exp(-inf) = 0 below
        SoftMax(ref rs, vectors);
        WeightedValues(layer, kvHead, count, scores, output);
    }

    // scores[t] = (q · k_t) / √head_size, 8 positions per vector and four vectors per pass (four FMA chains).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Scores(ref float keys, ReadOnlySpan<float> q, ref float scores, int vectors)
    {
        var capacity = (nuint)_capacity;
        var divisor = Vector256.Create(_sqrtHeadSize);
        var v = 0;
        for (; v + 4 <= vectors; v += 4)
        {
            Vector256<float> a0 = Vector256<float>.Zero, a1 = Vector256<float>.Zero;
            Vector256<float> a2 = Vector256<float>.Zero, a3 = Vector256<float>.Zero;
            for (var i = 0; i < _headSize; i++)
            {
                var qi = Vector256.Create(q[i]);
                var at = (nuint)i * capacity + (nuint)(v * Lanes);
                a0 = DecoderKernels.MultiplyAdd(qi, Vector256.LoadUnsafe(ref keys, at), a0);
                a1 = DecoderKernels.MultiplyAdd(qi, Vector256.LoadUnsafe(ref keys, at + Lanes), a1);
                a2 = DecoderKernels.MultiplyAdd(qi, Vector256.LoadUnsafe(ref keys, at + 2 * Lanes), a2);
                a3 = DecoderKernels.MultiplyAdd(qi, Vector256.LoadUnsafe(ref keys, at + 3 * Lanes), a3);
            }
            (a0 / divisor).StoreUnsafe(ref scores, (nuint)(v * Lanes));
            (a1 / divisor).StoreUnsafe(ref scores, (nuint)(v * Lanes + Lanes));
            (a2 / divisor).StoreUnsafe(ref scores, (nuint)(v * Lanes + 2 * Lanes));
            (a3 / divisor).StoreUnsafe(ref scores, (nuint)(v * Lanes + 3 * Lanes));
        }
        for (; v < vectors; v++)
        {
            var a0 = Vector256<float>.Zero;
            for (var i = 0; i < _headSize; i++)
            {
                var k = Vector256.LoadUnsafe(ref keys, (nuint)i * capacity + (nuint)(v * Lanes));
                a0 = DecoderKernels.MultiplyAdd(Vector256.Create(q[i]), k, a0);
            }
            (a0 / divisor).StoreUnsafe(ref scores, (nuint)(v * Lanes));
        }
    }

    // run.c's softmax: subtract the maximum, exponentiate, divide by the sum.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SoftMax(ref float scores, int vectors)
    {
        var max = Vector256.Create(float.NegativeInfinity);
        for (var v = 0; v < vectors; v++)
            max = Vector256.Max(max, Vector256.LoadUnsafe(ref scores, (nuint)(v * Lanes)));
        var top = Vector256.Create(HorizontalMax(max));
        var sum = Vector256<float>.Zero;
        for (var v = 0; v < vectors; v++)
        {
            var e = Vector256.Exp(Vector256.LoadUnsafe(ref scores, (nuint)(v * Lanes)) - top);
            sum += e;
            e.StoreUnsafe(ref scores, (nuint)(v * Lanes));
        }
        var total = Vector256.Create(Vector256.Sum(sum));
        for (var v = 0; v < vectors; v++)
            (Vector256.LoadUnsafe(ref scores, (nuint)(v * Lanes)) / total).StoreUnsafe(ref scores, (nuint)(v * Lanes));
    }

    private static float HorizontalMax(Vector256<float> v)
    {
        var m = Vector128.Max(v.GetLower(), v.GetUpper());
        m = Vector128.Max(m, Vector128.Shuffle(m, Vector128.Create(2, 3, 0, 1)));
        return MathF.Max(m[0], m[1]);
    }

    // output = Σ_t a_t · v_t, 8 floats of the head at a time (two FMA chains: even and odd t), then a scalar tail.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WeightedValues(int layer, int kvHead, int count, ReadOnlySpan<float> weights, Span<float> output)
    {
        var kvDim = (nuint)_kvDim;
        ref var values = ref _values[layer * _seqLen * _kvDim + kvHead * _headSize];
        ref var ro = ref MemoryMarshal.GetReference(output);
        var i = 0;
        for (; i + Lanes <= _headSize; i += Lanes)
        {
            var (even, odd) = (Vector256<float>.Zero, Vector256<float>.Zero);
            var t = 0;
            for (; t + 1 < count; t += 2)
            {
                var at = (nuint)t * kvDim + (nuint)i;
                var (vt, vnext) = (Vector256.LoadUnsafe(ref values, at), Vector256.LoadUnsafe(ref values, at + kvDim));
                even = DecoderKernels.MultiplyAdd(Vector256.Create(weights[t]), vt, even);
                odd = DecoderKernels.MultiplyAdd(Vector256.Create(weights[t + 1]), vnext, odd);
            }
            if (t < count)
            {
                var last = Vector256.LoadUnsafe(ref values, (nuint)t * kvDim + (nuint)i);
                even = DecoderKernels.MultiplyAdd(Vector256.Create(weights[t]), last, even);
            }
            (even + odd).StoreUnsafe(ref ro, (nuint)i);
        }
        for (; i < _headSize; i++)
        {
            var sum = 0f;
            for (var t = 0; t < count; t++) sum += weights[t] * Unsafe.Add(ref values, (nuint)t * kvDim + (nuint)i);
            output[i] = sum;
        }
    }
}
