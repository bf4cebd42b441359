namespace Prebias.Core.Evaluation;

/// <summary>
/// Cosine similarity of layers' attention maps on the probe input (<c>AttentionLayerSimilarity</c>):
/// <see cref="Matrix"/> row-major (L × L), whole layers; <see cref="PerHead"/> row-major (H × L × L), head by head.
/// </summary>
public sealed record LayerSimilarity(int Layers, int Heads, double[] Matrix, double[] PerHead);
