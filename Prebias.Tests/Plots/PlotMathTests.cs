using Prebias.Core.Plots;

namespace Prebias.Tests.Plots;

public class PlotMathTests
{
    [Fact]
    public void Normalize_ScalesToUnitRange_WhenValuesVary()
    {
        // min 2, max 6: (2-2)/4 = 0, (4-2)/4 = 0.5, (6-2)/4 = 1, (3-2)/4 = 0.25
        Assert.Equal([0, 0.5, 1, 0.25], MinMaxNormalizer.Normalize([2, 4, 6, 3]));
    }

    [Fact]
    public void Normalize_KeepsNaNAndIgnoresIt_WhenSomeValuesAreNotFinite()
    {
        var result = MinMaxNormalizer.Normalize([10, double.NaN, 20, double.PositiveInfinity]);

        Assert.Equal(0, result[0]);
        Assert.True(double.IsNaN(result[1]));
        Assert.Equal(1, result[2]);
        Assert.True(double.IsNaN(result[3]));
    }

    [Fact]
    public void Normalize_ReturnsZeros_WhenSeriesIsConstant()
    {
        Assert.Equal([0, 0, 0], MinMaxNormalizer.Normalize([7, 7, 7]));
    }

    [Fact]
    public void SeedSummaryCompute_ReturnsMeanMinMax_WhenBandIsMinMax()
    {
        // checkpoint 0: seeds 1, 3, 5 -> mean 3, band [1, 5]; checkpoint 1: seeds 2, 6 (third is NaN) -> mean 4, band [2, 6]
        var summary = SeedSummary.Compute([[1, 2], [3, 6], [5, double.NaN]], 2, SeedBand.MinMax);

        Assert.Equal([3, 4], summary.Mean);
        Assert.Equal([1, 2], summary.Lower);
        Assert.Equal([5, 6], summary.Upper);
    }

    [Fact]
    public void SeedSummaryCompute_ReturnsMeanPlusMinusSampleStd_WhenBandIsStandardDeviation()
    {
        // checkpoint 0: 1, 3, 5 -> mean 3, sample variance (4 + 0 + 4) / 2 = 4, std 2 -> [1, 5]
        // checkpoint 1: 2, 6 -> mean 4, sample variance (4 + 4) / 1 = 8, std 2.8284271 -> [1.1715729, 6.8284271]
        var summary = SeedSummary.Compute([[1, 2], [3, 6], [5, double.NaN]], 2, SeedBand.StandardDeviation);

        Assert.Equal(1, summary.Lower[0], 9);
        Assert.Equal(5, summary.Upper[0], 9);
        Assert.Equal(1.1715729, summary.Lower[1], 6);
        Assert.Equal(6.8284271, summary.Upper[1], 6);
    }

    [Fact]
    public void SeedSummaryCompute_ReturnsNaNAndZeroWidth_WhenNoSeedOrOneSeedHasAValue()
    {
        var summary = SeedSummary.Compute([[double.NaN, 4], [double.NaN, double.NaN]], 2, SeedBand.StandardDeviation);

        Assert.True(double.IsNaN(summary.Mean[0]) && double.IsNaN(summary.Lower[0]) && double.IsNaN(summary.Upper[0]));
        Assert.Equal((4, 4, 4), (summary.Mean[1], summary.Lower[1], summary.Upper[1]));
    }

    [Fact]
    public void LabelledIndices_ReturnsMostFrequentFirst_WhenFrequenciesGiven()
    {
        // frequencies 5, 50, 7, 50: the two 50s (indices 1 and 3, tie broken by index), then 7 (index 2)
        Assert.Equal([1, 3, 2], EmbeddingPlot.LabelledIndices([5, 50, 7, 50], 4, 3));
    }

    [Fact]
    public void LabelledIndices_ReturnsFirstTokens_WhenNoFrequencies()
    {
        Assert.Equal([0, 1], EmbeddingPlot.LabelledIndices(null, 4, 2));
    }

    [Fact]
    public void AttentionWeightsIndexer_ReadsRowMajorLayerHeadQueryKey_WhenShapeIsGiven()
    {
        // shape (2, 2, 2, 2) holding 0..15: (layer 1, head 0, query 1, key 0) is at ((1*2+0)*2+1)*2+0 = 10
        var weights = new AttentionWeights(Enumerable.Range(0, 16).Select(i => (float)i).ToArray(), 2, 2, 2);

        Assert.Equal(10f, weights[1, 0, 1, 0]);
        Assert.Equal(7f, weights[0, 1, 1, 1]);
    }

    [Fact]
    public void EmbeddedFont_ResolvesThroughScottPlot_WhenFamilyIsRequested()
    {
        PlotFonts.EnsureRegistered();

        using var typeface = ScottPlot.Fonts.GetTypeface(PlotFonts.Family, bold: false, italic: false);
        using var bold = ScottPlot.Fonts.GetTypeface(PlotFonts.Family, bold: true, italic: false);

        // The family name is ours alone, so only the embedded DejaVu Sans can have answered.
        Assert.Equal("DejaVu Sans", typeface.FamilyName);
        Assert.True(bold.IsBold);
        Assert.All(typeface.GetGlyphs("Aa0−"), glyph => Assert.NotEqual(0, glyph)); // 0 is the missing-glyph id
    }
}
