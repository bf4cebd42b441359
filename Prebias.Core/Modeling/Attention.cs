using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Prebias.Core.Modeling;

/// <summary>
/// Causal multi-head self-attention with grouped-query key/value heads and rotary positions (llama2.c's
/// <c>Attention</c>). Parameters: wq (n_heads·hd, dim), wk and wv (n_kv_heads·hd, dim), wo (dim, n_heads·hd), no biases.
/// </summary>
public sealed class Attention : nn.Module
{
    private readonly int _heads;
    private readonly int _kvHeads;
    private readonly int _headDim;
    private readonly double _dropout;
    private readonly Linear wq;
    private readonly Linear wk;
    private readonly Linear wv;
    private readonly Linear wo;
    private readonly Dropout attn_dropout;
    private readonly Dropout resid_dropout;

    public Attention(ModelArgs args) : base(nameof(Attention))
    {
        _heads = args.NHeads;
        _kvHeads = args.EffectiveKvHeads;
        _headDim = args.HeadDim;
        _dropout = args.Dropout;
        wq = nn.Linear(args.Dim, _heads * _headDim, hasBias: false);
        wk = nn.Linear(args.Dim, _kvHeads * _headDim, hasBias: false);
        wv = nn.Linear(args.Dim, _kvHeads * _headDim, hasBias: false);
        wo = nn.Linear(_heads * _headDim, args.Dim, hasBias: false);
        attn_dropout = nn.Dropout(args.Dropout);
        resid_dropout = nn.Dropout(args.Dropout);
        RegisterComponents();
    }

    /// <summary>
    /// Attention output (B, T, dim) for input (B, T, dim). <paramref name="cos"/>/<paramref name="sin"/> are the rotary
    /// rows of positions [startPos, startPos+T). With a cache, keys/values are appended at startPos and attention
    /// covers all cached positions. Uses the fused scaled-dot-product kernel.
    /// </summary>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, LayerKvCache? cache = null, long startPos = 0)
    {
        using var scope = NewDisposeScope();
        var length = x.shape[1];
        if (cache is not null && length == 1) return DecodeOneToken(x, cos, sin, cache, startPos).MoveToOuterDisposeScope();
        var (q, k, v) = Project(x, cos, sin, cache, startPos);
        Tensor output;
        if (startPos == 0 || length == 1)
        {
            // Prefill from position 0 is plain causal; one new token may see every cached key (no mask).
            output = nn.functional.scaled_dot_product_attention(
                q, k, v, null, training ? _dropout : 0.0, length > 1); // (B, n_heads, T, hd); TorchSharp spells the flag is_casual
        }
        else
        {
            // Several new tokens after a prefix: the causal mask must be offset by startPos, so take the explicit path.
            output = AttendExplicitly(q, k, v, startPos).Output;
        }
        return Finish(output, x.shape).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Same result as <see cref="Forward"/> without a cache, through the explicit softmax(QKᵀ/√hd + mask)V path, also
    /// returning the attention weights (B, n_heads, T, T) for probes and plots.
    /// </summary>
    public (Tensor Output, Tensor Weights) ForwardWithWeights(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = Project(x, cos, sin, cache: null, startPos: 0);
        var (output, weights) = AttendExplicitly(q, k, v, startPos: 0);
        return (Finish(output, x.shape).MoveToOuterDisposeScope(), weights.MoveToOuterDisposeScope());
    }

    private (Tensor Q, Tensor K, Tensor V) Project(Tensor x, Tensor cos, Tensor sin, LayerKvCache? cache, long startPos)
    {
        long batch = x.shape[0], length = x.shape[1];
        var q = wq.forward(x).view(batch, length, _heads, _headDim);   // (B, T, n_heads, hd)
        var k = wk.forward(x).view(batch, length, _kvHeads, _headDim); // (B, T, n_kv, hd)
        var v = wv.forward(x).view(batch, length, _kvHeads, _headDim); // (B, T, n_kv, hd)
        q = RotaryEmbedding.Apply(q, cos, sin);
        k = RotaryEmbedding.Apply(k, cos, sin);
        if (cache is not null)
        {
            var (keys, values) = cache.Append(k, v, startPos); // (B, n_kv, S, hd) with S = startPos + T
            return (q.transpose(1, 2), RepeatKvHeadsFirst(keys), RepeatKvHeadsFirst(values));
        }
        k = RepeatKv(k, _heads / _kvHeads); // (B, S, n_heads, hd)
        v = RepeatKv(v, _heads / _kvHeads); // (B, S, n_heads, hd)
        // (B, T|S, n_heads, hd) -> (B, n_heads, T|S, hd): heads become a batch axis.
        return (q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2));
    }

    /// <summary>
    /// One new token per sequence against the cache, with the query heads grouped by the key/value head they share
    /// (grouped-query attention without repeat_kv): the cached keys and values are read in place rather than
    /// expanded to n_heads and copied at every generated token. Same result as the explicit path.
    /// </summary>
    private Tensor DecodeOneToken(Tensor x, Tensor cos, Tensor sin, LayerKvCache cache, long startPos)
    {
        var batch = x.shape[0];
        var q = RotaryEmbedding.Apply(wq.forward(x).view(batch, 1, _heads, _headDim), cos, sin);                         // (B, 1, n_heads, hd)
        var k = RotaryEmbedding.Apply(wk.forward(x).view(batch, 1, _kvHeads, _headDim), cos, sin);                       // (B, 1, n_kv, hd)
        var v = wv.forward(x).view(batch, 1, _kvHeads, _headDim);                                                        // (B, 1, n_kv, hd)
        var (keys, values) = cache.Append(k, v, startPos);                                                               // (B, n_kv, S, hd)
        var grouped = q.view(batch, _kvHeads, _heads / _kvHeads, _headDim);                                              // (B, n_kv, n_rep, hd)
        var scores = matmul(grouped, keys.transpose(2, 3)) / Math.Sqrt(_headDim);                                        // (B, n_kv, n_rep, S)
        var weights = nn.functional.softmax(scores.to_type(ScalarType.Float32), dim: -1).type_as(q);
        var output = matmul(weights, values);                                                                            // (B, n_kv, n_rep, hd)
        return resid_dropout.forward(wo.forward(output.reshape(batch, 1, _heads * _headDim)));                          // (B, 1, dim)
    }

    /// <summary><see cref="RepeatKv"/> for the cache's heads-first layout: (B, n_kv, S, hd) -> (B, n_kv·n_rep, S, hd).</summary>
    private Tensor RepeatKvHeadsFirst(Tensor x)
    {
        var repeats = _heads / _kvHeads;
        if (repeats == 1) return x;
        long batch = x.shape[0], kvHeads = x.shape[1], length = x.shape[2], headDim = x.shape[3];
        return x.unsqueeze(2).expand(batch, kvHeads, repeats, length, headDim).reshape(batch, kvHeads * repeats, length, headDim);
    }

    private (Tensor Output, Tensor Weights) AttendExplicitly(Tensor q, Tensor k, Tensor v, long startPos)
    {
        long length = q.shape[2], keys = k.shape[2];
        var scores = matmul(q, k.transpose(2, 3)) / Math.Sqrt(_headDim); // (B, n_heads, T, S)
        // Query i sits at absolute position startPos+i and may see keys j <= startPos+i.
        var mask = ones(length, keys, dtype: ScalarType.Bool, device: q.device).triu(startPos + 1); // (T, S)
        scores = scores.masked_fill(mask, float.NegativeInfinity);
        var weights = nn.functional.softmax(scores.to_type(ScalarType.Float32), dim: -1).type_as(q); // (B, n_heads, T, S)
        var output = matmul(attn_dropout.forward(weights), v); // (B, n_heads, T, hd)
        return (output, weights);
    }

    private Tensor Finish(Tensor output, long[] inputShape)
    {
        // (B, n_heads, T, hd) -> (B, T, n_heads, hd) -> (B, T, n_heads·hd)
        var merged = output.transpose(1, 2).contiguous().view(inputShape[0], inputShape[1], _heads * _headDim);
        return resid_dropout.forward(wo.forward(merged)); // (B, T, dim)
    }

    /// <summary>
    /// Repeats each key/value head n_rep times along the head axis, (B, S, n_kv, hd) -> (B, S, n_kv·n_rep, hd),
    /// as llama2.c's <c>repeat_kv</c> (equivalent to torch.repeat_interleave(x, n_rep, dim=2)).
    /// </summary>
    public static Tensor RepeatKv(Tensor x, int repeats)
    {
        if (repeats == 1) return x;
        long batch = x.shape[0], length = x.shape[1], kvHeads = x.shape[2], headDim = x.shape[3];
        return x.unsqueeze(3)                                     // (B, S, n_kv, 1, hd)
            .expand(batch, length, kvHeads, repeats, headDim)     // (B, S, n_kv, n_rep, hd)
            .reshape(batch, length, kvHeads * repeats, headDim);  // (B, S, n_kv·n_rep, hd)
    }
}
