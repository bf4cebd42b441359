using System.Numerics;

namespace Prebias.Core.Analysis;

/// <summary>
/// The two dense kernels CKA and PCA need, on row-major double matrices: column centring and the cross-product AᵀB.
/// AᵀB is accumulated as a sum of row outer products, four rows at a time, with the inner loop over B's columns in SIMD
/// vectors, so a 32000 × 288 Gram matrix stays in cache-friendly row sweeps (no transpose copy).
/// </summary>
internal static class MatrixKernels
{
    /// <summary>Copies a row-major (rows × columns) matrix to double with each column's mean subtracted.</summary>
    public static double[] CenterColumns<T>(ReadOnlySpan<T> matrix, int rows, int columns, out double[] means)
        where T : unmanaged, INumberBase<T>
    {
        CheckShape(matrix.Length, rows, columns, nameof(matrix));
        means = new double[columns];
        var centered = new double[matrix.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var v = double.CreateChecked(matrix[r * columns + c]);
                centered[r * columns + c] = v;
                means[c] += v;
            }
        for (var c = 0; c < columns; c++) means[c] /= rows;
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++) centered[r * columns + c] -= means[c];
        return centered;
    }

    /// <summary>AᵀB for A (rows × p) and B (rows × q), both row-major; result (p × q) row-major.</summary>
    public static double[] TransposeMultiply(ReadOnlySpan<double> a, int p, ReadOnlySpan<double> b, int q, int rows) =>
        Accumulate(a, p, b, q, rows, upperOnly: false);

    /// <summary>AᵀA for A (rows × p) row-major; result (p × p) row-major. Only the upper triangle is accumulated (half
    /// the work), then mirrored.</summary>
    public static double[] TransposeMultiplySelf(ReadOnlySpan<double> a, int p, int rows)
    {
        var result = Accumulate(a, p, a, p, rows, upperOnly: true);
        for (var i = 0; i < p; i++)
            for (var j = 0; j < i; j++) result[i * p + j] = result[j * p + i];
        return result;
    }

    // Σ_r a_rᵀ b_r; with upperOnly, row i of the result only gets columns j ≥ i.
    private static double[] Accumulate(ReadOnlySpan<double> a, int p, ReadOnlySpan<double> b, int q, int rows, bool upperOnly)
    {
        var result = new double[p * q];
        var r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            var b0 = b.Slice(r * q, q);
            var b1 = b.Slice((r + 1) * q, q);
            var b2 = b.Slice((r + 2) * q, q);
            var b3 = b.Slice((r + 3) * q, q);
            for (var i = 0; i < p; i++)
            {
                var from = upperOnly ? i : 0;
                AddScaledRows(result.AsSpan(i * q + from, q - from), a[r * p + i], b0[from..], a[(r + 1) * p + i], b1[from..],
                    a[(r + 2) * p + i], b2[from..], a[(r + 3) * p + i], b3[from..]);
            }
        }
        for (; r < rows; r++)
        {
            var row = b.Slice(r * q, q);
            for (var i = 0; i < p; i++)
            {
                var from = upperOnly ? i : 0;
                var tail = row[from..];
                AddScaledRows(result.AsSpan(i * q + from, q - from), a[r * p + i], tail, 0, tail, 0, tail, 0, tail);
            }
        }
        return result;
    }

    /// <summary>Frobenius norm squared, Σ x².</summary>
    public static double SquaredNorm(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v * v;
        return sum;
    }

    public static void CheckShape(int length, int rows, int columns, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1, nameof(rows));
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1, nameof(columns));
        if ((long)rows * columns != length)
            throw new ArgumentException($"length {length} does not match shape ({rows} × {columns})", name);
    }

    // target += s0·x0 + s1·x1 + s2·x2 + s3·x3
    private static void AddScaledRows(Span<double> target, double s0, ReadOnlySpan<double> x0, double s1, ReadOnlySpan<double> x1,
        double s2, ReadOnlySpan<double> x2, double s3, ReadOnlySpan<double> x3)
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            Vector<double> v0 = new(s0), v1 = new(s1), v2 = new(s2), v3 = new(s3);
            for (; j + width <= target.Length; j += width)
            {
                var sum = new Vector<double>(target[j..]) + v0 * new Vector<double>(x0[j..]) + v1 * new Vector<double>(x1[j..])
                          + v2 * new Vector<double>(x2[j..]) + v3 * new Vector<double>(x3[j..]);
                sum.CopyTo(target[j..]);
            }
        }
        for (; j < target.Length; j++) target[j] += s0 * x0[j] + s1 * x1[j] + s2 * x2[j] + s3 * x3[j];
    }
}
