using Prebias.Core.Plots;

namespace Prebias.Tests.Plots;

/// <summary>NaN values and single points must render; empty input must fail with a clear ArgumentException.</summary>
public class PlotEdgeCaseTests
{
    private static readonly SaturationPlotOptions Small = new() { Width = 300, Height = 200 };

    [Fact]
    public void SaturationPlot_Renders_WhenValuesContainNaNAndOneMetricIsAllNaN()
    {
        var data = new SaturationPlotData([0, 1, 2],
            [new NamedSeries("a", [1, double.NaN, 3]), new NamedSeries("b", [double.NaN, double.NaN, double.NaN])],
            [new NamedSeries("a", [double.PositiveInfinity, 2, 2])]);

        var image = SaturationPlot.Render(data, Small with { Normalize = true });

        Assert.Equal((300, 200), PngInfo.ReadSize(image.Bytes));
    }

    [Fact]
    public void EveryLinePlot_Renders_WhenThereIsASinglePoint()
    {
        double[] one = [100];
        var saturation = SaturationPlot.Render(new SaturationPlotData(one, [new NamedSeries("a", [0.5])], []), Small);
        var loss = LossPlot.Render(new LossPlotData([new(100, 2.5)], []), new() { Width = 300, Height = 200 });
        var bias = BiasPlot.Render(new BiasPlotData(one, [new NamedSeries("doctor", [-0.2])]), new() { Width = 300, Height = 200 });
        var comparison = ComparisonPlot.Render(new ComparisonPlotData(
            [new ComparisonPanel("m", one, [new OrderingSeeds("shuffle", [[1.0]])])], "shuffle"), new() { Width = 300, Height = 200 });

        Assert.All([saturation, loss, bias, comparison], image => Assert.Equal((300, 200), PngInfo.ReadSize(image.Bytes)));
    }

    [Fact]
    public void HeatmapPlots_Render_WhenValuesAreNaNOrOneByOne()
    {
        var attention = AttentionGridPlot.Render(new AttentionWeights([float.NaN], 1, 1, 1), new() { Width = 300, Height = 200 });
        var layers = LayerSimilarityPlot.Render(new double[,] { { double.NaN } }, new() { Width = 300, Height = 200 });
        var embedding = EmbeddingPlot.Render(new EmbeddingPlotData([double.NaN, 1], [0, double.NaN], double.NaN, 0.1, ["a", "b"]),
            new() { Width = 300, Height = 200 });

        Assert.All([attention, layers, embedding], image => Assert.Equal((300, 200), PngInfo.ReadSize(image.Bytes)));
    }

    [Fact]
    public void Render_ThrowsArgumentException_WhenInputIsEmpty()
    {
        var noCheckpoints = Assert.Throws<ArgumentException>(() => SaturationPlot.Render(new SaturationPlotData([], [], [])));
        Assert.Contains("Checkpoints must not be empty", noCheckpoints.Message);
        var noMetrics = Assert.Throws<ArgumentException>(() => SaturationPlot.Render(new SaturationPlotData([1], [], [])));
        Assert.Contains("At least one input or output metric", noMetrics.Message);
        var noLoss = Assert.Throws<ArgumentException>(() => LossPlot.Render(new LossPlotData([], [])));
        Assert.Contains("At least one training or validation loss point", noLoss.Message);
        var noAttention = Assert.Throws<ArgumentException>(() => AttentionGridPlot.Render(new AttentionWeights([], 0, 0, 0)));
        Assert.Contains("must not be empty", noAttention.Message);
        var noLayers = Assert.Throws<ArgumentException>(() => LayerSimilarityPlot.Render(new double[0, 0]));
        Assert.Contains("must not be empty", noLayers.Message);
        var noPoints = Assert.Throws<ArgumentException>(() => EmbeddingPlot.Render(new EmbeddingPlotData([], [], 0, 0)));
        Assert.Contains("Pc1 must not be empty", noPoints.Message);
        var noSeries = Assert.Throws<ArgumentException>(() => BiasPlot.Render(new BiasPlotData([1, 2], [])));
        Assert.Contains("Series must not be empty", noSeries.Message);
        var noMetricsToCompare = Assert.Throws<ArgumentException>(() => ComparisonPlot.Render(new ComparisonPlotData([], "shuffle")));
        Assert.Contains("Metrics must not be empty", noMetricsToCompare.Message);
    }

    [Fact]
    public void Render_ThrowsArgumentException_WhenSeriesLengthDiffersFromCheckpoints()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            BiasPlot.Render(new BiasPlotData([0, 1, 2], [new NamedSeries("doctor", [0.1, 0.2])])));

        Assert.Contains("'doctor' has 2 values but there are 3 x values", ex.Message);
    }

    [Fact]
    public void AttentionGridPlot_ThrowsArgumentException_WhenValueCountDoesNotMatchShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => AttentionGridPlot.Render(new AttentionWeights(new float[7], 1, 2, 2)));

        Assert.Contains("Expected 8 values for shape (1, 2, 2, 2) but got 7", ex.Message);
    }

    [Fact]
    public void AttentionGridPlot_ThrowsArgumentOutOfRange_WhenLayerDoesNotExist()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AttentionGridPlot.Render(PlotFixtures.Attention(), new() { Layer = 2 }));
    }

    [Fact]
    public void LayerSimilarityPlot_ThrowsArgumentException_WhenMatrixIsNotSquare()
    {
        var ex = Assert.Throws<ArgumentException>(() => LayerSimilarityPlot.Render(new double[2, 3]));

        Assert.Contains("must be square, got 2 × 3", ex.Message);
    }
}
