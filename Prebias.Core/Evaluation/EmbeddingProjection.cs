namespace Prebias.Core.Evaluation;

/// <summary>
/// Token-embedding PCA of one checkpoint: the components are fitted on the whole (V × dim) embedding matrix, so the
/// ratios describe the embedding space and compare across checkpoints; <see cref="Points"/> are every token, or the
/// N most frequent ones when frequencies were given (most frequent first). <see cref="ExplainedVarianceRatio"/> and
/// <see cref="ExplainedVariance"/> have one entry per component (2).
/// </summary>
public sealed record EmbeddingProjection(double[] ExplainedVarianceRatio, double[] ExplainedVariance, IReadOnlyList<ProjectedToken> Points);
