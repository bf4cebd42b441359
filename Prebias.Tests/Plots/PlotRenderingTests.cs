using System.Xml.Linq;
using Prebias.Core.Plots;

namespace Prebias.Tests.Plots;

public class PlotRenderingTests
{
    // A size other than the 1000×600 default, so the test proves the size is honoured.
    private const int Width = 640, Height = 480;

    public static TheoryData<string> PlotNames => new()
    {
        "saturation", "loss", "attention-grid", "attention-single", "layers", "embeddings", "bias", "comparison",
    };

    private static PlotImage RenderNamed(string name, PlotFormat format) => name switch
    {
        "saturation" => SaturationPlot.Render(PlotFixtures.Saturation(), new() { Width = Width, Height = Height, Format = format, Normalize = true }),
        "loss" => LossPlot.Render(PlotFixtures.Loss(), new() { Width = Width, Height = Height, Format = format }),
        "attention-grid" => AttentionGridPlot.Render(PlotFixtures.Attention(), new() { Width = Width, Height = Height, Format = format }),
        "attention-single" => AttentionGridPlot.Render(PlotFixtures.Attention(), new() { Width = Width, Height = Height, Format = format, Layer = 1, Head = 0 }),
        "layers" => LayerSimilarityPlot.Render(PlotFixtures.LayerSimilarity(), new() { Width = Width, Height = Height, Format = format }),
        "embeddings" => EmbeddingPlot.Render(PlotFixtures.Embedding(), new() { Width = Width, Height = Height, Format = format, LabelTopN = 2 }),
        "bias" => BiasPlot.Render(PlotFixtures.Bias(), new() { Width = Width, Height = Height, Format = format }),
        "comparison" => ComparisonPlot.Render(PlotFixtures.Comparison(), new() { Width = Width, Height = Height, Format = format, Band = SeedBand.StandardDeviation }),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(PlotNames))]
    public void Render_ReturnsPngOfRequestedSize_WhenFormatIsPng(string name)
    {
        var image = RenderNamed(name, PlotFormat.Png);

        Assert.Equal(PlotFormat.Png, image.Format);
        Assert.Equal("image/png", image.ContentType);
        Assert.Equal((Width, Height), PngInfo.ReadSize(image.Bytes));
    }

    [Theory]
    [MemberData(nameof(PlotNames))]
    public void Render_ReturnsWellFormedSvgOfRequestedSize_WhenFormatIsSvg(string name)
    {
        var image = RenderNamed(name, PlotFormat.Svg);

        var svg = XDocument.Parse(image.SvgText).Root!; // throws on malformed XML
        Assert.Equal("image/svg+xml", image.ContentType);
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal(Width.ToString(), svg.Attribute("width")?.Value);
        Assert.Equal(Height.ToString(), svg.Attribute("height")?.Value);
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "text"); // titles and labels came out as text
    }

    [Fact]
    public void Render_UsesDefaultSize_WhenNoOptionsGiven()
    {
        var image = BiasPlot.Render(PlotFixtures.Bias());

        Assert.Equal((1000, 600), PngInfo.ReadSize(image.Bytes));
    }

    [Fact]
    public void SvgText_Throws_WhenImageIsPng()
    {
        var image = LossPlot.Render(PlotFixtures.Loss(), new() { Width = 100, Height = 100 });

        Assert.Throws<InvalidOperationException>(() => image.SvgText);
    }

    [Theory]
    [InlineData(0, 600)]
    [InlineData(1000, -1)]
    [InlineData(PlotOptions.MaxPixels + 1, 600)]
    public void Render_ThrowsArgumentOutOfRange_WhenSizeIsInvalid(int width, int height)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LossPlot.Render(PlotFixtures.Loss(), new() { Width = width, Height = height }));
    }
}
