using MathNet.Numerics.LinearAlgebra;

namespace Prebias.Core.Analysis;

/// <summary>
/// PCA for the token-embedding view (2 components with their explained variance), e.g.
/// <c>tok_embeddings.weight</c> of shape (V × dim) = 512 × 64 or 32000 × 288.
/// <para>Method: centre the columns, form the d × d covariance CᵀC / (n − 1), take its symmetric eigendecomposition
/// (Math.NET: Householder tridiagonalisation + implicit QL), keep the k largest eigenpairs. Cost O(n d² + d³), about a
/// d × d product, so n = 32000 rows cost little more than n = 512. Eigenvectors have an arbitrary sign; we fix it as
/// scikit-learn's svd_flip(u_based_decision=False) does: the entry of largest |value| in each component is made
/// positive (the first such entry on an exact tie), so results are deterministic.</para>
/// </summary>
public static class PrincipalComponents
{
    /// <param name="matrix">Row-major (rows × columns), float (straight from a tensor) or double.</param>
    /// <param name="components">k, at most <paramref name="columns"/>; 2 for the scatter plot.</param>
    public static PcaResult Fit<T>(ReadOnlySpan<T> matrix, int rows, int columns, int components = 2)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        MatrixKernels.CheckShape(matrix.Length, rows, columns, nameof(matrix));
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(components, columns);

        var centered = MatrixKernels.CenterColumns(matrix, rows, columns, out var mean);
        var covariance = MatrixKernels.TransposeMultiplySelf(centered, columns, rows);
        for (var i = 0; i < covariance.Length; i++) covariance[i] /= rows - 1;
        double totalVariance = 0;
        for (var i = 0; i < columns; i++) totalVariance += covariance[i * columns + i];

        var evd = Matrix<double>.Build.DenseOfRowMajor(columns, columns, covariance).Evd(Symmetricity.Symmetric);
        var eigenvalues = evd.EigenValues.Select(v => v.Real).ToArray();
        var order = Enumerable.Range(0, columns).OrderByDescending(i => eigenvalues[i]).Take(components).ToArray();

        var loadings = new double[components * columns];
        var variance = new double[components];
        var ratio = new double[components];
        for (var k = 0; k < components; k++)
        {
            var vector = evd.EigenVectors.Column(order[k]);
            var sign = Math.Sign(vector[vector.AbsoluteMaximumIndex()]) < 0 ? -1.0 : 1.0;
            for (var c = 0; c < columns; c++) loadings[k * columns + c] = sign * vector[c];
            // Rounding can leave −1e−16 for a null direction; a variance is never negative.
            variance[k] = Math.Max(eigenvalues[order[k]], 0);
            ratio[k] = totalVariance > 0 ? variance[k] / totalVariance : double.NaN;
        }
        return new PcaResult(rows, columns, components, mean, loadings, variance, ratio,
            Project(centered, rows, columns, loadings, components));
    }

    // (rows × columns) · (components × columns)ᵀ → (rows × components)
    private static double[] Project(double[] centered, int rows, int columns, double[] loadings, int components)
    {
        var projected = new double[rows * components];
        for (var r = 0; r < rows; r++)
        {
            var row = centered.AsSpan(r * columns, columns);
            for (var k = 0; k < components; k++)
            {
                double dot = 0;
                var component = loadings.AsSpan(k * columns, columns);
                for (var c = 0; c < columns; c++) dot += row[c] * component[c];
                projected[r * components + k] = dot;
            }
        }
        return projected;
    }
}
