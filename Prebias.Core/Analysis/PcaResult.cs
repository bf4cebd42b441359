namespace Prebias.Core.Analysis;

/// <summary>
/// Top-k principal components of an (n × d) matrix. Shapes: <see cref="Mean"/> (d), <see cref="Components"/> (k × d,
/// row-major, unit rows, largest-|loading| entry positive), <see cref="ExplainedVariance"/> (k, eigenvalues of the
/// covariance with denominator n − 1, as scikit-learn's PCA.explained_variance_), <see cref="ExplainedVarianceRatio"/>
/// (k, each over the total variance = trace of the covariance), <see cref="Projected"/> (n × k, row-major,
/// (x − mean) · componentᵀ).
/// </summary>
public sealed record PcaResult(
    int Rows,
    int Dimensions,
    int ComponentCount,
    double[] Mean,
    double[] Components,
    double[] ExplainedVariance,
    double[] ExplainedVarianceRatio,
    double[] Projected);
