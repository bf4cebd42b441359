using System.Xml.Linq;
using Prebias.Core.Plots;

namespace Prebias.Tests.Plots;

/// <summary>Figures that read without hovering: what the SVG's text says (titles, legends, reference lines).</summary>
public class PlotLabelTests
{
    private static List<string> Texts(PlotImage image) =>
    [
        .. XDocument.Parse(image.SvgText).Root!.Descendants()
            .Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()),
    ];

    private static readonly SaturationPlotOptions Svg = new() { Format = PlotFormat.Svg };

    [Fact]
    public void Saturation_DrawsOnePanelPerMetric_WithTheLegendOnce()
    {
        var texts = Texts(SaturationPlot.Render(PlotFixtures.Saturation(), Svg with { Subject = "run fk-asc" }));

        // ScottPlot may render a panel more than once while it settles the layout, so compare counts: each panel
        // title ("sentiment", "flesch") is drawn as often as the one legend's entries, not half as often.
        var panel = texts.Count(t => t == "sentiment");
        Assert.True(panel > 0);
        Assert.Equal(panel, texts.Count(t => t == "flesch"));
        Assert.Equal(panel, texts.Count(t => t == "input: training data"));
        Assert.Equal(panel, texts.Count(t => t == "output: generations"));
        Assert.Contains("Saturation curves — run fk-asc", texts);
    }

    [Fact]
    public void Saturation_InputOutputLayout_KeepsTheTwoSidePanels()
    {
        var texts = Texts(SaturationPlot.Render(PlotFixtures.Saturation(),
            Svg with { Layout = SaturationLayout.InputOutput, Normalize = true }));

        var panel = texts.Count(t => t == "input: training data");
        Assert.True(panel > 0);
        Assert.Equal(panel, texts.Count(t => t == "output: generations"));
        Assert.Equal(2 * panel, texts.Count(t => t == "sentiment")); // a legend entry on each side
    }

    [Fact]
    public void Comparison_ShowsItsLegendOnce_AcrossPanels()
    {
        var one = PlotFixtures.Comparison().Metrics[0];
        var data = new ComparisonPlotData([one, one with { Metric = "bleu" }], "shuffle");
        var options = new ComparisonPlotOptions { Format = PlotFormat.Svg, Subject = "experiment readability" };
        var texts = Texts(ComparisonPlot.Render(data, options));

        var panel = texts.Count(t => t == "bleu") / 2; // the panel title and the y-axis label
        Assert.True(panel > 0);
        Assert.Equal(panel, texts.Count(t => t == "ascending, 2 seeds"));
        Assert.Contains(texts, t => t.EndsWith("— experiment readability", StringComparison.Ordinal));
    }

    [Fact]
    public void EmbeddingPair_SharesItsAxes_BetweenCheckpoints()
    {
        var small = new EmbeddingPlotData([0, 1], [0, 1], 0.5, 0.2);
        var wide = new EmbeddingPlotData([0, 10], [0, 10], 0.6, 0.2);
        var svg = new EmbeddingPlotOptions { Format = PlotFormat.Svg };
        var texts = Texts(EmbeddingPlot.RenderPair(small, "A: step 1", wide, "B: step 8", svg));

        // Alone, A's axes would end near 1; shared, both panels' x and y axes reach the tick "10".
        var renders = texts.Count(t => t == "A: step 1");
        Assert.True(renders > 0);
        Assert.Equal(renders, texts.Count(t => t == "B: step 8"));
        Assert.Equal(4 * renders, texts.Count(t => t == "10"));
    }

    [Fact]
    public void Bias_NamesTheSummaries_AndLabelsTheReferenceLine()
    {
        var data = new BiasPlotData(PlotFixtures.Steps,
        [
            new NamedSeries("doctor", [0, -0.1, -0.3, -0.4]), new NamedSeries("_mean", [0, 0.05, 0.05, 0.05]),
            new NamedSeries("_stereotype_lean", [0, 0.1, 0.2, 0.3]),
        ]);
        var texts = Texts(BiasPlot.Render(data, new()
        {
            Format = PlotFormat.Svg, ReferenceLine = 0.5, ReferenceLabel = "no preference (0.5), 96 pairs",
            Title = "Bias probe she_he: run a",
        }));

        Assert.Contains("mean over occupations", texts);
        Assert.Contains("stereotype lean", texts);
        Assert.Contains("no preference (0.5), 96 pairs", texts);
        Assert.Contains("Bias probe she_he: run a", texts);
        Assert.DoesNotContain(texts, t => t.StartsWith('_'));
    }

    [Theory]
    [InlineData("_mean", "mean over occupations")]
    [InlineData("_all", "all pairs")]
    [InlineData("_new_summary", "new summary")]
    [InlineData("nurse", "nurse")]
    public void BiasSubjects_HaveHumanNames(string subject, string label) =>
        Assert.Equal(label, BiasSubjects.Label(subject));

    [Fact]
    public void Titles_NameTheSubject_UnlessATitleIsGiven()
    {
        LossPlotOptions svg = new() { Format = PlotFormat.Svg };
        var named = Texts(LossPlot.Render(PlotFixtures.Loss(), svg with { Subject = "run 3f2a" }));
        var titled = Texts(LossPlot.Render(PlotFixtures.Loss(), svg with { Subject = "x", Title = "Mine" }));
        Assert.Contains("Loss — run 3f2a", named);
        Assert.Contains("Mine", titled);
    }
}
