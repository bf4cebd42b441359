using Prebias.Core.Analysis;

namespace Prebias.Tests.Analysis;

public class PrincipalComponentsTests
{
    // Mean (10, 5); axes u = (0.8, 0.6) and w = (−0.6, 0.8); points mean + a·u + b·w for (a, b) = (2,0), (−2,0), (0,1),
    // (0,−1): (11.6, 6.2), (8.4, 3.8), (9.4, 5.8), (10.6, 4.2).
    private static readonly double[] Points = [11.6, 6.2, 8.4, 3.8, 9.4, 5.8, 10.6, 4.2];

    [Fact]
    public void Fit_RecoversAxesAndVariances_WhenPointsBuiltOnKnownAxes()
    {
        // Variance along u: (2² + 2²)/(4 − 1) = 8/3; along w: (1 + 1)/3 = 2/3; total 10/3 → ratios 0.8 and 0.2.
        // Both axes already have their largest-|loading| entry positive (0.8), so the sign convention keeps them.
        var pca = PrincipalComponents.Fit<double>(Points, rows: 4, columns: 2);
        Assert.Equal([10.0, 5.0], pca.Mean, Close);
        Assert.Equal([0.8, 0.6, -0.6, 0.8], pca.Components, Close);
        Assert.Equal([8.0 / 3, 2.0 / 3], pca.ExplainedVariance, Close);
        Assert.Equal([0.8, 0.2], pca.ExplainedVarianceRatio, Close);
        // Projections are the (a, b) the points were built from.
        Assert.Equal([2.0, 0.0, -2.0, 0.0, 0.0, 1.0, 0.0, -1.0], pca.Projected, Close);
    }

    [Fact]
    public void Fit_KeepsTopComponents_WhenDataLiesInASubspace()
    {
        // The same points with a constant third coordinate: the third direction has zero variance, so the top 2 are
        // (u, 0) and (w, 0) with the same ratios.
        var points3 = new float[12];
        for (var r = 0; r < 4; r++) (points3[r * 3], points3[r * 3 + 1], points3[r * 3 + 2]) = ((float)Points[r * 2], (float)Points[r * 2 + 1], 7f);
        var pca = PrincipalComponents.Fit<float>(points3, rows: 4, columns: 3);
        Assert.Equal(2, pca.ComponentCount);
        Assert.Equal([0.8, 0.6, 0.0, -0.6, 0.8, 0.0], pca.Components, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal([0.8, 0.2], pca.ExplainedVarianceRatio, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Fit_FlipsSign_WhenLargestLoadingWouldBeNegative()
    {
        // One-dimensional spread along (−0.6, 0.8): the eigenvector may come out as ±; the convention makes 0.8 positive.
        double[] points = [-0.6, 0.8, 0.6, -0.8, -1.2, 1.6, 1.2, -1.6];
        var pca = PrincipalComponents.Fit<double>(points, rows: 4, columns: 2, components: 1);
        Assert.Equal([-0.6, 0.8], pca.Components, Close);
        Assert.Equal(1.0, pca.ExplainedVarianceRatio[0], 9);
    }

    [Fact]
    public void Fit_GivesUnitOrthogonalComponentsWithPositiveLeadingLoading_WhenRandomData()
    {
        var data = LinearCkaTests.RandomMatrix(rows: 50, columns: 6, seed: 5);
        var pca = PrincipalComponents.Fit<double>(data, rows: 50, columns: 6, components: 3);
        for (var k = 0; k < 3; k++)
        {
            var c = pca.Components.AsSpan(k * 6, 6).ToArray();
            Assert.Equal(1.0, c.Sum(v => v * v), 9);
            Assert.True(c[Array.IndexOf(c, c.MaxBy(Math.Abs))] > 0);
        }
        Assert.Equal(0.0, pca.Components.AsSpan(0, 6).ToArray().Zip(pca.Components.AsSpan(6, 6).ToArray(), (a, b) => a * b).Sum(), 9);
        Assert.True(pca.ExplainedVariance[0] >= pca.ExplainedVariance[1] && pca.ExplainedVariance[1] >= pca.ExplainedVariance[2]);
    }

    [Fact]
    public void Fit_Throws_WhenTooManyComponents() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PrincipalComponents.Fit<double>(Points, rows: 4, columns: 2, components: 3));

    private static bool Close(double a, double b) => Math.Abs(a - b) < 1e-9;
}
