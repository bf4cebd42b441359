using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using static TorchSharp.torch;

namespace Prebias.Core.Modeling;

/// <summary>
/// Batch-1 greedy decoding on the CPU over a model's weights copied into plain float arrays: llama2.c's run.c
/// <c>transformer()</c> in C# with 256-bit SIMD kernels: matrix-vector products over weights repacked by
/// <see cref="PackedMatrix"/>, attention over <see cref="SingleSequenceKvCache"/>, the element-wise steps in
/// <see cref="DecoderKernels"/>. libtorch spends ~50 calls per layer per token at batch 1, most of a token's time for
/// small models; this path has no per-call overhead. With several threads each stage (q/k/v, attention heads, wo,
/// w1/w3 with the gate, w2, the classifier) is one <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>
/// over row blocks or heads, and only when its work exceeds <see cref="DefaultParallelWorkThreshold"/>. Weights are a
/// snapshot: a decoder built before further training keeps the old weights. Not thread-safe (one cache).
/// </summary>
public sealed class SingleSequenceDecoder
{
    /// <summary>
    /// Multiply-adds below which a stage runs on the calling thread: a fork/join costs a few µs, about what 2^16
    /// multiply-adds take on one core (all of stories260k's products and its classifier stay on one thread).
    /// </summary>
    public const int DefaultParallelWorkThreshold = 1 << 16;

    private readonly ModelArgs _args;
    private readonly int _dim, _headSize, _kvGroup, _vocab, _seqLen, _workers, _parallelThreshold;
    private readonly float _eps;
    private readonly PackedMatrix _embedding;                         // (vocab, dim), also the classifier (tied)
    private readonly float[][] _attentionNorm, _ffnNorm;              // per layer (dim)
    private readonly PackedMatrix[] _wq, _wk, _wv, _wo, _w1, _w2, _w3; // per layer, (out, in)
    private readonly float[] _finalNorm;                              // (dim)
    private readonly float[] _cos, _sin;                              // (seq_len, head_size / 2), the model's RoPE
    private readonly SingleSequenceKvCache _cache;
    private readonly float[] _x, _xb, _xb2, _q, _k, _v, _hb, _hb2, _logits; // padded to whole blocks of 8
    private readonly float[][] _scores;                               // per worker (cache capacity)
    private readonly ParallelOptions _parallel;
    private readonly Action<int> _qkvStage, _attentionStage, _woStage, _gateStage, _w2Stage, _classifierStage;
    private int _layer, _pos, _stageWorkers; // the stage in flight, read by the stage delegates

    /// <summary>
    /// Copies the weights of <paramref name="model"/> (any device); <paramref name="threads"/> ≤ 0: one per core.
    /// <paramref name="parallelWorkThreshold"/>: see <see cref="DefaultParallelWorkThreshold"/> (0 splits every stage).
    /// </summary>
    public SingleSequenceDecoder(
        Transformer model, int threads = 0, int parallelWorkThreshold = DefaultParallelWorkThreshold)
    {
        _args = model.Args;
        (_dim, _vocab, _seqLen, _headSize) = (_args.Dim, _args.VocabSize, _args.MaxSeqLen, _args.HeadDim);
        var kvDim = _args.EffectiveKvHeads * _headSize;
        _kvGroup = _args.NHeads / _args.EffectiveKvHeads;
        _eps = (float)_args.NormEps;
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        float[] Read(Tensor tensor) => tensor.detach().cpu().contiguous().data<float>().ToArray();
        PackedMatrix Pack(string name)
        {
            var weight = parameters[name];
            return new PackedMatrix(Read(weight), (int)weight.shape[0], (int)weight.shape[1]);
        }
        PackedMatrix[] PerLayer(string part) =>
            Enumerable.Range(0, _args.NLayers).Select(l => Pack($"layers.{l}.{part}.weight")).ToArray();
        _embedding = Pack("tok_embeddings.weight");
        float[][] Norms(string part) =>
            Enumerable.Range(0, _args.NLayers).Select(l => Read(parameters[$"layers.{l}.{part}.weight"])).ToArray();
        _attentionNorm = Norms("attention_norm");
        _ffnNorm = Norms("ffn_norm");
        _wq = PerLayer("attention.wq");
        _wk = PerLayer("attention.wk");
        _wv = PerLayer("attention.wv");
        _wo = PerLayer("attention.wo");
        _w1 = PerLayer("feed_forward.w1");
        _w2 = PerLayer("feed_forward.w2");
        _w3 = PerLayer("feed_forward.w3");
        _finalNorm = Read(parameters["norm.weight"]);
        _cos = Read(model.FreqsCos.narrow(0, 0, _seqLen));
        _sin = Read(model.FreqsSin.narrow(0, 0, _seqLen));
        _cache = new SingleSequenceKvCache(_args.NLayers, _args.EffectiveKvHeads, _headSize, _seqLen);
        (_x, _xb, _xb2, _q) = (Padded(_dim), Padded(_dim), Padded(_dim), Padded(_dim));
        (_k, _v) = (Padded(kvDim), Padded(kvDim));
        (_hb, _hb2) = (Padded(_w1[0].Rows), Padded(_w1[0].Rows));
        _logits = Padded(_vocab);
        _workers = threads > 0 ? threads : Environment.ProcessorCount;
        _parallelThreshold = parallelWorkThreshold;
        _scores = Enumerable.Range(0, _workers).Select(_ => new float[_cache.Capacity]).ToArray();
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = _workers };
        _qkvStage = QkvStage; // delegates made once: a token allocates nothing
        _attentionStage = AttentionStage;
        _woStage = WoStage;
        _gateStage = GateStage;
        _w2Stage = W2Stage;
        _classifierStage = ClassifierStage;
    }

    /// <summary>The model's shape.</summary>
    public ModelArgs Args => _args;

    /// <summary>
    /// Greedy continuation of <paramref name="prompt"/> (BOS first, as run.c feeds it): up to
    /// <paramref name="maxNewTokens"/> ids (capped by max_seq_len), ending before the first id in
    /// <paramref name="stopIds"/> (run.c stops at BOS; pass EOS too). The prompt is fed one token per position.
    /// </summary>
    public int[] Generate(
        IReadOnlyList<int> prompt, int maxNewTokens, IReadOnlyCollection<int> stopIds, CancellationToken ct = default)
    {
        if (prompt.Count == 0)
            throw new ArgumentException("The prompt needs at least one token (e.g. BOS).", nameof(prompt));
        if (prompt.Any(t => t < 0 || t >= _vocab))
            throw new ArgumentOutOfRangeException(nameof(prompt), "a prompt id is outside the vocabulary");
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
    /// keys and values into the cache, so positions 0..pos-1 must have been fed before. The next call reuses the span.
    /// </summary>
    public ReadOnlySpan<float> Forward(int token, int pos)
    {
        if ((uint)pos >= (uint)_seqLen) throw new ArgumentOutOfRangeException(nameof(pos));
        if ((uint)token >= (uint)_vocab) throw new ArgumentOutOfRangeException(nameof(token));
        _pos = pos;
        _embedding.CopyRow(token, _x);                                                // x = tok_embeddings[token] (dim)
        var attentionWork = (long)_args.NHeads * (pos + 1) * _headSize * 2;
        for (var l = 0; l < _args.NLayers; l++)
        {
            _layer = l;
            DecoderKernels.RmsNorm(_xb, _x.AsSpan(0, _dim), _attentionNorm[l], _eps);   // xb = attention_norm(x)
            Run(_qkvStage, (long)(_wq[l].Rows + 2 * _wk[l].Rows) * _dim);                // q, k, v = wq, wk, wv xb
            var rowCos = _cos.AsSpan(pos * _headSize / 2);                               // RoPE tables' row pos
            var rowSin = _sin.AsSpan(pos * _headSize / 2);
            DecoderKernels.Rotate(_q.AsSpan(0, _dim), _headSize, rowCos, rowSin);       // RoPE on q and k
            DecoderKernels.Rotate(_k.AsSpan(0, _wk[l].Rows), _headSize, rowCos, rowSin);
            _cache.Store(l, pos, _k, _v);                                                // cache[l, pos] = k, v
            Run(_attentionStage, attentionWork);                                         // xb = softmax(q·K/√hd) V
            Run(_woStage, (long)_dim * _dim);                                            // x += wo xb
            DecoderKernels.RmsNorm(_xb, _x.AsSpan(0, _dim), _ffnNorm[l], _eps);          // xb = ffn_norm(x)
            Run(_gateStage, 2L * _w1[l].Rows * _dim);                                    // hb = silu(w1 xb) * w3 xb
            Run(_w2Stage, (long)_w2[l].Rows * _w2[l].Cols);                              // x += w2 hb
        }
        DecoderKernels.RmsNorm(_x, _x.AsSpan(0, _dim), _finalNorm, _eps);                // x = norm(x)
        Run(_classifierStage, (long)_vocab * _dim);                                      // logits = tok_embeddings x
        return _logits.AsSpan(0, _vocab);
    }

    // One stage on the calling thread, or split over the workers when its work pays for a fork/join.
    private void Run(Action<int> stage, long multiplyAdds)
    {
        _stageWorkers = _workers > 1 && multiplyAdds >= _parallelThreshold ? _workers : 1;
        if (_stageWorkers == 1) stage(0);
        else Parallel.For(0, _stageWorkers, _parallel, stage);
    }

    private void QkvStage(int worker)
    {
        MultiplyShare(_wq[_layer], _xb, _q, worker);
        MultiplyShare(_wk[_layer], _xb, _k, worker);
        MultiplyShare(_wv[_layer], _xb, _v, worker);
    }

    // Query head h reads kv head h / (n_heads / n_kv_heads) (grouped-query attention); heads split over workers.
    private void AttentionStage(int worker)
    {
        var (first, end) = (_args.NHeads * worker / _stageWorkers, _args.NHeads * (worker + 1) / _stageWorkers);
        for (var h = first; h < end; h++)
            _cache.Attend(_layer, h / _kvGroup, _pos, _q.AsSpan(h * _headSize, _headSize),
                _xb.AsSpan(h * _headSize, _headSize), _scores[worker]);
    }

    private void WoStage(int worker)
    {
        var (first, end) = MultiplyShare(_wo[_layer], _xb, _xb2, worker);
        DecoderKernels.AddInPlace(_x.AsSpan(first, end - first), _xb2.AsSpan(first));
    }

    // The gate is element-wise, so each worker applies it to the rows of w1 and w3 it computed.
    private void GateStage(int worker)
    {
        MultiplyShare(_w1[_layer], _xb, _hb, worker);
        var (first, end) = MultiplyShare(_w3[_layer], _xb, _hb2, worker);
        DecoderKernels.SiluGate(_hb.AsSpan(first, end - first), _hb2.AsSpan(first));
    }

    private void W2Stage(int worker)
    {
        var (first, end) = MultiplyShare(_w2[_layer], _hb, _xb, worker);
        DecoderKernels.AddInPlace(_x.AsSpan(first, end - first), _xb.AsSpan(first));
    }

    private void ClassifierStage(int worker) => MultiplyShare(_embedding, _x, _logits, worker);

    // This worker's row blocks of y = W x; returns its rows [first, end), clipped to W's real rows.
    private (int First, int End) MultiplyShare(PackedMatrix w, float[] x, float[] y, int worker)
    {
        var (firstBlock, endBlock) = w.BlocksOf(worker, _stageWorkers);
        w.Multiply(x.AsSpan(0, w.Cols), y, firstBlock, endBlock);
        const int rows = PackedMatrix.BlockRows;
        return (Math.Min(w.Rows, firstBlock * rows), Math.Min(w.Rows, endBlock * rows));
    }

    private static float[] Padded(int length) =>
        new float[(length + PackedMatrix.BlockRows - 1) / PackedMatrix.BlockRows * PackedMatrix.BlockRows];
}
