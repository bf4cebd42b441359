using Prebias.Core.Modeling;
using static TorchSharp.torch;

namespace Prebias.Tests.Modeling;

[Collection("Sequential")]
public class AttentionTests
{
    [Fact]
    public void RepeatKv_RepeatsEachHeadConsecutively_WhenTwoRepeats()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 10, 20 }).view(1, 1, 2, 1); // (B=1, S=1, n_kv=2, hd=1)
        var repeated = Attention.RepeatKv(x, 2);
        Assert.Equal(new long[] { 1, 1, 4, 1 }, repeated.shape);
        Assert.Equal(new float[] { 10, 10, 20, 20 }, repeated.data<float>().ToArray());
    }

    [Fact]
    public void Apply_RotatesInterleavedPairs_ByPositionTimesFrequency()
    {
        using var scope = NewDisposeScope();
        var (cos, sin) = RotaryEmbedding.Precompute(headDim: 4, end: 2);
        // head_dim 4: pair 0 turns at 1 rad/position, pair 1 at 10000^(-2/4) = 0.01 rad/position.
        var x = tensor(new float[] { 1, 0, 1, 0, 1, 0, 1, 0 }).view(1, 2, 1, 4); // (B, T=2, H=1, hd=4)
        var rotated = RotaryEmbedding.Apply(x, cos, sin).data<float>().ToArray();
        float[] expected = [1, 0, 1, 0, MathF.Cos(1), MathF.Sin(1), MathF.Cos(0.01f), MathF.Sin(0.01f)];
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], rotated[i], 5);
    }

    [Fact]
    public void Forward_MatchesExplicitPath_WhenNoWeightsNeeded()
    {
        var args = ModelFixtures.Tiny;
        using var attention = new Attention(args);
        attention.eval();
        using var scope = NewDisposeScope();
        var (cos, sin) = RotaryEmbedding.Precompute(args.HeadDim, 6);
        var x = randn(2, 6, args.Dim);
        var fast = attention.Forward(x, cos, sin);
        var (slow, weights) = attention.ForwardWithWeights(x, cos, sin);
        Assert.Equal(new long[] { 2, 6, args.Dim }, fast.shape);
        Assert.Equal(new long[] { 2, args.NHeads, 6, 6 }, weights.shape);
        Assert.True(fast.allclose(slow, rtol: 1e-4, atol: 1e-6));
    }
}
