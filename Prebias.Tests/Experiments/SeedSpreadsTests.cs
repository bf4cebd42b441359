using Prebias.Core.Experiments;

namespace Prebias.Tests.Experiments;

public class SeedSpreadsTests
{
    [Fact]
    public void PooledSd_WeighsCellsByTheirDegreesOfFreedom_AndSkipsSingletons()
    {
        // Cells [1, 3] (SS 2, df 1) and [2, 4, 6] (SS 8, df 2); [10] has no spread: √((2 + 8) / 3).
        Assert.Equal(Math.Sqrt(10.0 / 3), SeedSpreads.PooledSd([[1.0, 3.0], [2.0, 4.0, 6.0], [10.0]])!.Value, 14);
    }

    [Fact]
    public void PooledSd_IsNull_WhenNoCellHasTwoValues()
    {
        Assert.Null(SeedSpreads.PooledSd([[1.0], [2.0]]));
        Assert.Null(SeedSpreads.PooledSd([[1.0, double.NaN]]));
    }
}
