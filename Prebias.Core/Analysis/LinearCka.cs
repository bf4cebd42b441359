using System.Numerics;

namespace Prebias.Core.Analysis;

/// <summary>
/// Linear centred kernel alignment (Kornblith, Norouzi, Lee and Hinton, "Similarity of Neural Network Representations
/// Revisited", ICML 2019, eq. 5 with the linear kernel): with X (n × p) and Y (n × q) the same n inputs (e.g. tokens)
/// represented by two models, and columns centred,
/// CKA(X, Y) = ‖YᵀX‖²_F / (‖XᵀX‖_F · ‖YᵀY‖_F), in [0, 1]. Invariant to orthogonal transforms and isotropic scaling
/// of either side, not to arbitrary invertible linear maps. Computed in feature space (p × q products), which suits
/// n ≫ p such as 32000 tokens × 288 dims. NaN when either side is constant (zero after centring).
/// </summary>
public static class LinearCka
{
    /// <param name="x">Row-major (rows × xColumns), e.g. <c>tok_embeddings.weight</c> of one checkpoint (V × dim).</param>
    /// <param name="y">Row-major (rows × yColumns), the same rows under the other model.</param>
    public static double Compute<T>(ReadOnlySpan<T> x, int xColumns, ReadOnlySpan<T> y, int yColumns, int rows)
        where T : unmanaged, INumberBase<T>
    {
        MatrixKernels.CheckShape(x.Length, rows, xColumns, nameof(x));
        MatrixKernels.CheckShape(y.Length, rows, yColumns, nameof(y));
        var cx = MatrixKernels.CenterColumns(x, rows, xColumns, out _);
        var cy = MatrixKernels.CenterColumns(y, rows, yColumns, out _);
        var cross = MatrixKernels.SquaredNorm(MatrixKernels.TransposeMultiply(cy, yColumns, cx, xColumns, rows));
        var selfX = Math.Sqrt(MatrixKernels.SquaredNorm(MatrixKernels.TransposeMultiplySelf(cx, xColumns, rows)));
        var selfY = Math.Sqrt(MatrixKernels.SquaredNorm(MatrixKernels.TransposeMultiplySelf(cy, yColumns, rows)));
        var denominator = selfX * selfY;
        return denominator > 0 ? cross / denominator : double.NaN;
    }
}
