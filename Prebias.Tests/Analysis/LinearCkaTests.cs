using Prebias.Core;
using Prebias.Core.Analysis;

namespace Prebias.Tests.Analysis;

public class LinearCkaTests
{
    [Fact]
    public void Compute_EqualsSquaredCorrelation_WhenOneColumnEach()
    {
        // x = (1, 2, 3) → centred (−1, 0, 1); y = (1, 3, 2) → centred (−1, 1, 0).
        // yᵀx = 1, xᵀx = 2, yᵀy = 2 → CKA = 1² / (2·2) = 0.25 (= Pearson r² with r = 0.5).
        Assert.Equal(0.25, LinearCka.Compute([1.0, 2.0, 3.0], 1, [1.0, 3.0, 2.0], 1, rows: 3), 12);
    }

    [Fact]
    public void Compute_MatchesHandValue_WhenTwoByOneColumns()
    {
        // X rows (1,0), (0,1), (0,0); column means (⅓, ⅓) → centred (⅔,−⅓), (−⅓,⅔), (−⅓,−⅓).
        // XᵀX = [[⅔, −⅓], [−⅓, ⅔]] → ‖XᵀX‖_F = √(10/9). Y = first column of X, centred (⅔, −⅓, −⅓):
        // YᵀX = (⅔, −⅓) → ‖YᵀX‖²_F = 5/9; YᵀY = ⅔. CKA = (5/9) / (√10/3 · ⅔) = 5 / (2√10) = 0.790569415.
        double[] x = [1, 0, 0, 1, 0, 0];
        double[] y = [1, 0, 0];
        Assert.Equal(0.7905694150420948, LinearCka.Compute(x, 2, y, 1, rows: 3), 12);
        Assert.Equal(0.7905694150420948, LinearCka.Compute(y, 1, x, 2, rows: 3), 12);
    }

    [Fact]
    public void Compute_IsOne_WhenSameMatrix()
    {
        var x = RandomMatrix(rows: 20, columns: 5, seed: 1);
        Assert.Equal(1.0, LinearCka.Compute(x, 5, x, 5, rows: 20), 12);
    }

    [Fact]
    public void Compute_IsOne_WhenOrthogonalTransformAndIsotropicScaling()
    {
        // Y = 3.5 · X R with R a rotation by 0.7 rad in the plane of columns 0 and 2, then columns 1 and 3 swapped.
        var x = RandomMatrix(rows: 30, columns: 4, seed: 2);
        var y = new double[x.Length];
        var (cos, sin) = (Math.Cos(0.7), Math.Sin(0.7));
        for (var r = 0; r < 30; r++)
        {
            var row = x.AsSpan(r * 4, 4);
            y[r * 4 + 0] = 3.5 * (cos * row[0] - sin * row[2]);
            y[r * 4 + 2] = 3.5 * (sin * row[0] + cos * row[2]);
            y[r * 4 + 1] = 3.5 * row[3];
            y[r * 4 + 3] = 3.5 * row[1];
        }
        Assert.Equal(1.0, LinearCka.Compute(x, 4, y, 4, rows: 30), 12);
    }

    [Fact]
    public void Compute_IsBelowOneAndSymmetric_WhenUnrelatedMatrices()
    {
        var x = RandomMatrix(rows: 40, columns: 6, seed: 3);
        var y = RandomMatrix(rows: 40, columns: 3, seed: 4);
        var forward = LinearCka.Compute(x, 6, y, 3, rows: 40);
        Assert.InRange(forward, 0.0, 0.5);
        Assert.Equal(forward, LinearCka.Compute(y, 3, x, 6, rows: 40), 12);
    }

    [Fact]
    public void Compute_AgreesWithDouble_WhenInputIsFloat()
    {
        float[] x = [1, 0, 0, 1, 0, 0];
        float[] y = [1, 0, 0];
        Assert.Equal(0.7905694150420948, LinearCka.Compute(x, 2, y, 1, rows: 3), 6);
    }

    [Fact]
    public void Compute_IsNaN_WhenOneSideIsConstant() =>
        Assert.True(double.IsNaN(LinearCka.Compute([2.0, 2.0, 2.0], 1, [1.0, 3.0, 2.0], 1, rows: 3)));

    [Fact]
    public void Compute_Throws_WhenShapeDoesNotMatch() =>
        Assert.Throws<ArgumentException>(() => LinearCka.Compute([1.0, 2.0, 3.0], 2, [1.0, 2.0, 3.0], 1, rows: 3));

    internal static double[] RandomMatrix(int rows, int columns, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        return Enumerable.Range(0, rows * columns).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }
}
