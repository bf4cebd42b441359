namespace Prebias.Core.Plots;

/// <summary>
/// Token embeddings projected on their first two principal components, one point per token.
/// </summary>
/// <param name="Pc1">Coordinate of each token on the first component.</param>
/// <param name="Pc2">Coordinate of each token on the second component.</param>
/// <param name="ExplainedVariance1">Share of variance explained by the first component, in [0, 1].</param>
/// <param name="ExplainedVariance2">Share of variance explained by the second component, in [0, 1].</param>
/// <param name="Tokens">Optional text of each token, for labels.</param>
/// <param name="Frequencies">Optional count of each token in the training data; the most frequent are labelled.
/// Without it the first tokens (by index) are labelled.</param>
public sealed record EmbeddingPlotData(
    IReadOnlyList<double> Pc1,
    IReadOnlyList<double> Pc2,
    double ExplainedVariance1,
    double ExplainedVariance2,
    IReadOnlyList<string>? Tokens = null,
    IReadOnlyList<long>? Frequencies = null);
