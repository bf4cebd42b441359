using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Prebias.Core.Modeling;

/// <summary>
/// SwiGLU feed-forward (Shazeer 2020) as llama2.c's <c>FeedForward</c>: w2(silu(w1 x) ⊙ w3 x), then dropout.
/// w1 and w3 are (hidden, dim), w2 is (dim, hidden), no biases.
/// </summary>
public sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    private readonly Linear w1;
    private readonly Linear w2;
    private readonly Linear w3;
    private readonly Dropout dropout;

    public FeedForward(ModelArgs args) : base(nameof(FeedForward))
    {
        var hidden = ComputeHiddenDim(args);
        w1 = nn.Linear(args.Dim, hidden, hasBias: false);
        w2 = nn.Linear(hidden, args.Dim, hasBias: false);
        w3 = nn.Linear(args.Dim, hidden, hasBias: false);
        dropout = nn.Dropout(args.Dropout);
        RegisterComponents();
    }

    /// <summary>
    /// llama2.c's rule when hidden_dim is unset: 4·dim, then int(2·h/3) (SwiGLU has three matrices instead of two,
    /// so this keeps the parameter count of a 4·dim MLP), then rounded up to a multiple of multiple_of.
    /// </summary>
    public static int ComputeHiddenDim(ModelArgs args)
    {
        if (args.HiddenDim is { } explicitHidden) return explicitHidden;
        var hidden = 4 * args.Dim;
        hidden = 2 * hidden / 3; // int() truncation; both operands are positive
        return args.MultipleOf * ((hidden + args.MultipleOf - 1) / args.MultipleOf);
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        // (B, T, dim) -> (B, T, hidden) -> (B, T, dim)
        var gated = nn.functional.silu(w1.forward(x)) * w3.forward(x);
        return dropout.forward(w2.forward(gated)).MoveToOuterDisposeScope();
    }
}
