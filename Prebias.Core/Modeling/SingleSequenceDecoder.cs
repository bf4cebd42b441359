using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using static TorchSharp.torch;

namespace Prebias.Core.Modeling;

/// <summary>
/// Batch-1 greedy decoding on the CPU over a model's weights copied into plain float arrays: llama2.c's run.c
/// <c>forward</c> in C#, with <see cref="TensorPrimitives"/> (SIMD) for every vector operation, matrix-vector
/// products split over rows with <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>, and the KV cache in
/// plain arrays. libtorch spends ~50 calls per layer per token at batch 1, most of a token's time for small models;
/// this path has no per-call overhead, so interactive single-prompt generation runs at run.c's speed. Weights are a
/// snapshot: a decoder built before further training keeps the old weights. Not thread-safe (one cache).
/// </summary>
public sealed class SingleSequenceDecoder
{
    // Below this many multiply-adds a matrix-vector product runs on one thread: fork/join costs more than it saves
    // (stories260k's 64×64 projections), as run.c's OpenMP loops show at 2 threads.
    private const int ParallelWorkThreshold = 1 << 15;

    private readonly ModelArgs _args;
    private readonly int _dim, _hidden, _kvDim, _headSize, _kvGroup, _vocab, _seqLen;
    private readonly float[] _embedding;                             // (vocab, dim), also the classifier (tied)
    private readonly float[][] _attentionNorm, _ffnNorm;             // per layer (dim)
    private readonly float[][] _wq, _wk, _wv, _wo, _w1, _w2, _w3;    // per layer, row-major (out, in)
    private readonly float[] _finalNorm;                             // (dim)
    private readonly float[] _cos, _sin;                             // (seq_len, head_size / 2), the model's RoPE tables
    private readonly float[] _keys, _values;                         // KV cache (layer, seq_len, kv_dim)
    private readonly float[] _x, _xb, _xb2, _q, _k, _v, _hb, _hb2, _scores, _logits;
    private readonly ParallelOptions _parallel;

    /// <summary>Copies the weights of <paramref name="model"/> (any device) into arrays; <paramref name="threads"/> ≤ 0 means one per core.</summary>
    public SingleSequenceDecoder(Transformer model, int threads = 0)
    {
        _args = model.Args;
        (_dim, _vocab, _seqLen, _headSize) = (_args.Dim, _args.VocabSize, _args.MaxSeqLen, _args.HeadDim);
        _kvDim = _args.EffectiveKvHeads * _headSize;
        _kvGroup = _args.NHeads / _args.EffectiveKvHeads;
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        float[] Read(Tensor tensor) => tensor.detach().cpu().contiguous().data<float>().ToArray();
        float[][] PerLayer(string part) =>
            Enumerable.Range(0, _args.NLayers).Select(l => Read(parameters[$"layers.{l}.{part}.weight"])).ToArray();
        _embedding = Read(parameters["tok_embeddings.weight"]);
        _attentionNorm = PerLayer("attention_norm");
        _wq = PerLayer("attention.wq");
        _wk = PerLayer("attention.wk");
        _wv = PerLayer("attention.wv");
        _wo = PerLayer("attention.wo");
        _ffnNorm = PerLayer("ffn_norm");
        _w1 = PerLayer("feed_forward.w1");
        _w2 = PerLayer("feed_forward.w2");
        _w3 = PerLayer("feed_forward.w3");
        _hidden = _w1[0].Length / _dim;
        _finalNorm = Read(parameters["norm.weight"]);
        _cos = Read(model.FreqsCos.narrow(0, 0, _seqLen));
        _sin = Read(model.FreqsSin.narrow(0, 0, _seqLen));
        _keys = new float[_args.NLayers * _seqLen * _kvDim];
        _values = new float[_args.NLayers * _seqLen * _kvDim];
        (_x, _xb, _xb2, _q) = (new float[_dim], new float[_dim], new float[_dim], new float[_dim]);
        (_k, _v) = (new float[_kvDim], new float[_kvDim]);
        (_hb, _hb2) = (new float[_hidden], new float[_hidden]);
        _scores = new float[_seqLen];
        _logits = new float[_vocab];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
    }

    /// <summary>The model's shape.</summary>
    public ModelArgs Args => _args;

    /// <summary>
    /// Greedy continuation of <paramref name="prompt"/> (BOS first, as run.c feeds it): up to <paramref name="maxNewTokens"/>
    /// ids (capped by max_seq_len), ending before the first id in <paramref name="stopIds"/> (run.c stops at BOS; pass
    /// EOS too). The prompt is fed one token per position, as run.c does.
    /// </summary>
    public int[] Generate(IReadOnlyList<int> prompt, int maxNewTokens, IReadOnlyCollection<int> stopIds, CancellationToken ct = default)
    {
        if (prompt.Count == 0) throw new ArgumentException("The prompt needs at least one token (e.g. BOS).", nameof(prompt));
        if (prompt.Any(t => t < 0 || t >= _vocab)) throw new ArgumentOutOfRangeException(nameof(prompt), "a prompt id is outside the vocabulary");
        var total = Math.Min(prompt.Count + maxNewTokens, _seqLen);
        var generated = new List<int>();
        var token = prompt[0];
        for (var pos = 0; pos < total - 1; pos++)
        {
            ct.ThrowIfCancellationRequested();
            var logits = Forward(token, pos);
            if (pos + 1 < prompt.Count)
            {
                token = prompt[pos + 1]; // still inside the prompt: force its next token
                continue;
            }
            token = TensorPrimitives.IndexOfMax(logits); // first maximum, as run.c's argmax
            if (stopIds.Contains(token)) break;
            generated.Add(token);
        }
        return generated.ToArray();
    }

    /// <summary>
    /// Logits (vocab) of the token after <paramref name="token"/> at <paramref name="pos"/>; writes that position's
    /// keys and values into the cache, so positions 0..pos-1 must have been fed before. The span is reused by the next call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // fully optimised from the first token: interactive calls are short
    public ReadOnlySpan<float> Forward(int token, int pos)
    {
        if ((uint)pos >= (uint)_seqLen) throw new ArgumentOutOfRangeException(nameof(pos));
        _embedding.AsSpan(token * _dim, _dim).CopyTo(_x);                               // x = tok_embeddings[token] (dim)
        for (var l = 0; l < _args.NLayers; l++)
        {
            RmsNorm(_xb, _x, _attentionNorm[l]);                                         // xb = attention_norm(x) (dim)
            MatVec(_q, _xb, _wq[l]);                                                      // q = wq xb (dim)
            MatVec(_k, _xb, _wk[l]);                                                      // k = wk xb (kv_dim)
            MatVec(_v, _xb, _wv[l]);                                                      // v = wv xb (kv_dim)
            Rotate(_q, pos);
            Rotate(_k, pos);
            var layerOffset = l * _seqLen * _kvDim;
            _k.CopyTo(_keys.AsSpan(layerOffset + pos * _kvDim));                         // cache[l, pos] = k, v
            _v.CopyTo(_values.AsSpan(layerOffset + pos * _kvDim));
            Attend(_xb, layerOffset, pos);                                               // xb = softmax(q·K/√hd) V (dim)
            MatVec(_xb2, _xb, _wo[l]);                                                    // xb2 = wo xb (dim)
            TensorPrimitives.Add(_x, _xb2, _x);                                          // x += attention
            RmsNorm(_xb, _x, _ffnNorm[l]);                                               // xb = ffn_norm(x) (dim)
            MatVec(_hb, _xb, _w1[l]);                                                     // hb = w1 xb (hidden)
            MatVec(_hb2, _xb, _w3[l]);                                                    // hb2 = w3 xb (hidden)
            TensorPrimitives.Multiply(_hb, _hb2, _hb2);                                   // hb2 = w1 xb * w3 xb
            TensorPrimitives.Sigmoid(_hb, _hb);                                          // hb = σ(w1 xb)
            TensorPrimitives.Multiply(_hb, _hb2, _hb);                                    // hb = silu(w1 xb) * w3 xb
            MatVec(_xb, _hb, _w2[l]);                                                     // xb = w2 hb (dim)
            TensorPrimitives.Add(_x, _xb, _x);                                           // x += ffn
        }
        RmsNorm(_x, _x, _finalNorm);                                                     // x = norm(x)
        MatVec(_logits, _x, _embedding);                                                  // logits = tok_embeddings x (vocab)
        return _logits;
    }

    // Every query head h reads kv head h / (n_heads / n_kv_heads) of positions 0..pos (grouped-query attention).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Attend(float[] output, int layerOffset, int pos)
    {
        var scale = 1f / MathF.Sqrt(_headSize);
        var scores = _scores.AsSpan(0, pos + 1);
        for (var h = 0; h < _args.NHeads; h++)
        {
            var q = _q.AsSpan(h * _headSize, _headSize);
            var headOffset = layerOffset + h / _kvGroup * _headSize;
            for (var t = 0; t <= pos; t++)
                scores[t] = Dot(q, _keys.AsSpan(headOffset + t * _kvDim, _headSize)) * scale;
            TensorPrimitives.SoftMax(scores, scores);
            var head = output.AsSpan(h * _headSize, _headSize);
            head.Clear();
            for (var t = 0; t <= pos; t++)                                               // head += a_t · v_t (head_size)
                ShortAxpy(head, scores[t], _values.AsSpan(headOffset + t * _kvDim, _headSize));
        }
    }

    // Heads are short (8 floats in stories260k, 48 in stories15m) and attention calls these pos × n_heads times per
    // layer, so a TensorPrimitives call's fixed cost would dominate; inlined 256-bit vectors with a scalar tail instead.
    // The matrix-vector rows use it too: TensorPrimitives' generic kernels run unoptimised (tier 0) for the first
    // seconds of a process, which is most of an interactive request.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        var sum = 0f;
        if (Vector256.IsHardwareAccelerated && a.Length >= Vector256<float>.Count)
        {
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            var acc = Vector256<float>.Zero;
            var acc2 = Vector256<float>.Zero; // two accumulators: rows of 64+ floats keep two FMA chains in flight
            for (; i <= a.Length - 2 * Vector256<float>.Count; i += 2 * Vector256<float>.Count)
            {
                acc += Vector256.LoadUnsafe(ref ra, (nuint)i) * Vector256.LoadUnsafe(ref rb, (nuint)i);
                acc2 += Vector256.LoadUnsafe(ref ra, (nuint)(i + 8)) * Vector256.LoadUnsafe(ref rb, (nuint)(i + 8));
            }
            for (; i <= a.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                acc += Vector256.LoadUnsafe(ref ra, (nuint)i) * Vector256.LoadUnsafe(ref rb, (nuint)i);
            sum = Vector256.Sum(acc + acc2);
        }
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    // y += a · x, element-wise (same length).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ShortAxpy(Span<float> y, float a, ReadOnlySpan<float> x)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && y.Length >= Vector256<float>.Count)
        {
            ref var ry = ref MemoryMarshal.GetReference(y);
            ref var rx = ref MemoryMarshal.GetReference(x);
            var va = Vector256.Create(a);
            for (; i <= y.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                (Vector256.LoadUnsafe(ref ry, (nuint)i) + va * Vector256.LoadUnsafe(ref rx, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
        }
        for (; i < y.Length; i++) y[i] += a * x[i];
    }

    // RoPE on interleaved pairs (x[i], x[i+1]) of each head: complex multiply by (cos, sin)[pos, (i mod head_size) / 2].
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Rotate(float[] vector, int pos)
    {
        var half = _headSize / 2;
        var cos = _cos.AsSpan(pos * half, half);
        var sin = _sin.AsSpan(pos * half, half);
        for (var i = 0; i < vector.Length; i += 2)
        {
            var j = i % _headSize / 2;
            var (a, b) = (vector[i], vector[i + 1]);
            vector[i] = a * cos[j] - b * sin[j];
            vector[i + 1] = a * sin[j] + b * cos[j];
        }
    }

    // o = weight * x / sqrt(mean(x²) + eps) (dim)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RmsNorm(float[] output, float[] x, float[] weight)
    {
        var meanSquare = TensorPrimitives.SumOfSquares(x) / x.Length;
        var scale = 1f / MathF.Sqrt(meanSquare + (float)_args.NormEps);
        TensorPrimitives.Multiply(x, scale, output);
        TensorPrimitives.Multiply(output, weight, output);
    }

    // W (rows, cols) row-major @ x (cols) -> output (rows); rows split into one contiguous block per thread.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MatVec(float[] output, float[] x, float[] w)
    {
        var cols = x.Length;
        var rows = output.Length;
        var blocks = rows * cols < ParallelWorkThreshold ? 1 : Math.Min(_parallel.MaxDegreeOfParallelism, rows);
        if (blocks <= 1)
        {
            for (var r = 0; r < rows; r++) output[r] = Dot(w.AsSpan(r * cols, cols), x);
            return;
        }
        Parallel.For(0, blocks, _parallel, block =>
        {
            var (start, end) = (rows * block / blocks, rows * (block + 1) / blocks);
            for (var r = start; r < end; r++) output[r] = Dot(w.AsSpan(r * cols, cols), x);
        });
    }
}
