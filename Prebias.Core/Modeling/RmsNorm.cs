using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Prebias.Core.Modeling;

/// <summary>
/// Root-mean-square layer norm (Zhang &amp; Sennrich 2019) as in llama2.c's <c>RMSNorm</c>:
/// <c>x / sqrt(mean(x²) + eps) * weight</c>, computed in fp32 and cast back to the input type.
/// </summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly double _eps;
    private readonly Parameter weight;

    public RmsNorm(long dim, double eps) : base(nameof(RmsNorm))
    {
        _eps = eps;
        weight = new Parameter(ones(dim));
        RegisterComponents();
    }

    /// <summary>The learned per-channel gain, shape (dim).</summary>
    public Parameter Weight => weight;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        // (..., dim): normalise over the last axis in fp32 (bf16 would lose the small variance terms).
        var xf = x.to_type(ScalarType.Float32);
        var normed = xf * rsqrt(xf.pow(2).mean([-1L], keepdim: true) + _eps);
        return (normed.type_as(x) * weight).MoveToOuterDisposeScope();
    }
}
