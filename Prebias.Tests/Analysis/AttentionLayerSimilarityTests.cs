using Prebias.Core.Analysis;

namespace Prebias.Tests.Analysis;

public class AttentionLayerSimilarityTests
{
    // (T × T) maps with T = 2, rows = queries: A is causal-like, B attends to key 0, C to key 1 (B·C = 0).
    private static readonly float[] A = [1f, 0f, 0.5f, 0.5f];
    private static readonly float[] B = [1f, 0f, 1f, 0f];
    private static readonly float[] C = [0f, 1f, 0f, 1f];
    private static readonly float[] Identity = [1f, 0f, 0f, 1f];

    [Fact]
    public void Compute_MatchesHandCosine_WhenOneHead()
    {
        // Layer 0 = A, layer 1 = I: A·I = 1 + 0.5 = 1.5; ‖A‖ = √1.5, ‖I‖ = √2 → 1.5/√3 = 0.866025.
        var s = AttentionLayerSimilarity.Compute([.. A, .. Identity], layers: 2, heads: 1, tokens: 2);
        Assert.Equal([1.0, 0.8660254037844387, 0.8660254037844387, 1.0], s, (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void ComputePerHead_SeparatesHeads_WhenOneHeadAgreesAndOneDoesNot()
    {
        // (L, H, T, T) = (2, 2, 2, 2): layer 0 = [A, B], layer 1 = [A, C].
        float[] attention = [.. A, .. B, .. A, .. C];
        var perHead = AttentionLayerSimilarity.ComputePerHead(attention, layers: 2, heads: 2, tokens: 2);
        // Head 0: A vs A → 1. Head 1: B vs C → 0.
        Assert.Equal([1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 1.0], perHead, (a, b) => Math.Abs(a - b) < 1e-9);
        // Whole layers: (A·A + B·C) / (√(1.5 + 2) · √(1.5 + 2)) = 1.5 / 3.5 = 0.428571.
        var layers = AttentionLayerSimilarity.Compute(attention, layers: 2, heads: 2, tokens: 2);
        Assert.Equal(1.5 / 3.5, layers[1], 9);
        Assert.Equal(layers[1], layers[2]);
    }

    [Fact]
    public void Compute_IsNaN_WhenALayerMapIsZero()
    {
        var s = AttentionLayerSimilarity.Compute([.. A, 0f, 0f, 0f, 0f], layers: 2, heads: 1, tokens: 2);
        Assert.True(double.IsNaN(s[1]) && double.IsNaN(s[3]));
        Assert.Equal(1.0, s[0], 12);
    }

    [Fact]
    public void Compute_Throws_WhenShapeDoesNotMatch() =>
        Assert.Throws<ArgumentException>(() => AttentionLayerSimilarity.Compute(A, layers: 2, heads: 1, tokens: 2));
}
