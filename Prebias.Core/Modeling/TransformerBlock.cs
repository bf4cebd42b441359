using TorchSharp;
using static TorchSharp.torch;

namespace Prebias.Core.Modeling;

/// <summary>
/// One pre-norm block (llama2.c's <c>TransformerBlock</c>): h = x + attention(attention_norm(x));
/// out = h + feed_forward(ffn_norm(h)). Input and output are (B, T, dim).
/// </summary>
public sealed class TransformerBlock : nn.Module
{
    private readonly Attention attention;
    private readonly FeedForward feed_forward;
    private readonly RmsNorm attention_norm;
    private readonly RmsNorm ffn_norm;

    public TransformerBlock(int layerId, ModelArgs args) : base($"{nameof(TransformerBlock)}{layerId}")
    {
        LayerId = layerId;
        attention = new Attention(args);
        feed_forward = new FeedForward(args);
        attention_norm = new RmsNorm(args.Dim, args.NormEps);
        ffn_norm = new RmsNorm(args.Dim, args.NormEps);
        RegisterComponents();
    }

    /// <summary>Index of this block in the stack.</summary>
    public int LayerId { get; }

    /// <summary>Block output (B, T, dim); see <see cref="Attention.Forward"/> for the cache arguments.</summary>
    public Tensor Forward(Tensor x, Tensor cos, Tensor sin, LayerKvCache? cache = null, long startPos = 0)
    {
        using var scope = NewDisposeScope();
        var h = x + attention.Forward(attention_norm.forward(x), cos, sin, cache, startPos);
        return (h + feed_forward.forward(ffn_norm.forward(h))).MoveToOuterDisposeScope();
    }

    /// <summary>Block output plus this block's attention weights (B, n_heads, T, T).</summary>
    public (Tensor Output, Tensor Weights) ForwardWithWeights(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var (attended, weights) = attention.ForwardWithWeights(attention_norm.forward(x), cos, sin);
        var h = x + attended;
        var output = h + feed_forward.forward(ffn_norm.forward(h));
        return (output.MoveToOuterDisposeScope(), weights.MoveToOuterDisposeScope());
    }
}
