using TorchSharp;
using static TorchSharp.torch;

namespace Prebias.Core.Modeling;

// The forward passes of Transformer: training/scoring, incremental decoding and attention-weight probing.
public sealed partial class Transformer
{
    /// <summary>
    /// Logits (B, T, vocab) for tokens (B, T) and, when <paramref name="targets"/> (B, T) are given, the mean
    /// cross-entropy over targets that are not <paramref name="ignoreIndex"/> (padding). Unlike llama2.c, logits of
    /// every position are returned also without targets (the probes need them).
    /// </summary>
    public (Tensor Logits, Tensor? Loss) Forward(Tensor tokens, Tensor? targets = null, long ignoreIndex = -1)
    {
        using var scope = NewDisposeScope();
        var length = tokens.shape[1];
        CheckLength(length);
        var h = dropout.forward(tok_embeddings.forward(tokens)); // (B, T, dim)
        var cos = _freqsCos.narrow(0, 0, length);                // (T, hd/2)
        var sin = _freqsSin.narrow(0, 0, length);
        foreach (var layer in layers) h = layer.Forward(h, cos, sin);
        var logits = output.forward(norm.forward(h)); // (B, T, vocab)
        if (targets is null) return (logits.MoveToOuterDisposeScope(), null);
        // (B·T, vocab) against (B·T); padded targets carry ignoreIndex and drop out of the mean.
        var loss = nn.functional.cross_entropy(
            logits.view(-1, logits.shape[^1]), targets.view(-1), ignore_index: ignoreIndex);
        return (logits.MoveToOuterDisposeScope(), loss.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Incremental decoding step: tokens (B, T) at positions [startPos, startPos+T), keys/values appended to
    /// <paramref name="cache"/>. Returns the logits of the last position only, (B, vocab), as llama2.c's inference path.
    /// </summary>
    public Tensor ForwardIncremental(Tensor tokens, KvCache cache, long startPos)
    {
        using var scope = NewDisposeScope();
        var length = tokens.shape[1];
        CheckLength(startPos + length);
        var h = tok_embeddings.forward(tokens);             // (B, T, dim)
        var cos = _freqsCos.narrow(0, startPos, length);    // (T, hd/2)
        var sin = _freqsSin.narrow(0, startPos, length);
        for (var i = 0; i < layers.Count; i++) h = layers[i].Forward(h, cos, sin, cache[i], startPos);
        var last = norm.forward(h.select(1, length - 1));   // (B, dim)
        return output.forward(last).MoveToOuterDisposeScope(); // (B, vocab)
    }

    /// <summary>
    /// Attention weights of every block for tokens (B, T), stacked to (n_layers, B, n_heads, T, T), computed through the
    /// explicit attention path (for probes and plots; run under eval() and no_grad()).
    /// </summary>
    public Tensor AttentionWeights(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var length = tokens.shape[1];
        CheckLength(length);
        var h = dropout.forward(tok_embeddings.forward(tokens));
        var cos = _freqsCos.narrow(0, 0, length);
        var sin = _freqsSin.narrow(0, 0, length);
        var all = new List<Tensor>(layers.Count);
        foreach (var layer in layers)
        {
            (h, var weights) = layer.ForwardWithWeights(h, cos, sin);
            all.Add(weights); // (B, n_heads, T, T)
        }
        return stack(all, dim: 0).MoveToOuterDisposeScope();
    }

    private void CheckLength(long length)
    {
        if (length > Args.MaxSeqLen)
            throw new ArgumentException($"Sequence of {length} tokens exceeds max_seq_len {Args.MaxSeqLen}.");
    }
}
