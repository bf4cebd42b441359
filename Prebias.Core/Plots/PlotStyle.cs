using ScottPlot;
using ScottPlot.Plottables;

namespace Prebias.Core.Plots;

/// <summary>Shared look of every plot: embedded font, palette, line series that tolerate NaN, and input checks.</summary>
internal static class PlotStyle
{
    public const float LineWidth = 2;
    public const float MarkerSize = 5;

    // Tableau 10 (matplotlib's default cycle), so colours read as in the Python plots readers know.
    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    public static Color SeriesColor(int index) => Palette.GetColor(index);

    // Past the palette's 10 colours, lines differ by pattern too (solid, dashed, dotted, ...), so 40 occupations stay apart.
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    public static LinePattern SeriesPattern(int index, PlotFormat format) =>
        Pattern(Patterns[index / Palette.Colors.Length % Patterns.Length], format);

    /// <summary>
    /// The wanted pattern for PNG; solid for SVG, because Skia's SVG canvas cannot write dash path effects: it draws
    /// them solid anyway and prints "Unsupported path effect in addPaint." to stderr for every dashed stroke.
    /// </summary>
    public static LinePattern Pattern(LinePattern wanted, PlotFormat format) => format == PlotFormat.Svg ? LinePattern.Solid : wanted;

    /// <summary>A new plot whose labels all use the embedded font.</summary>
    public static Plot NewPlot(string? title = null, string? xLabel = null, string? yLabel = null)
    {
        PlotFonts.EnsureRegistered();
        var plot = new Plot();
        // PlotCanvas clears the whole canvas once; a panel must not wipe the panels drawn before it.
        plot.RenderManager.ClearCanvasBeforeEachRender = false;
        plot.Font.Set(PlotFonts.Family);
        plot.Legend.FontName = PlotFonts.Family;
        plot.Legend.FontSize = 13;
        // ScottPlot labels a tick about every 50 px (27 labels on a 600 px axis of sentiment); half as many read at
        // a glance and still locate every point.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TickDensity = 0.5 };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TickDensity = 0.5 };
        if (!string.IsNullOrEmpty(title)) plot.Title(title, 16);
        if (!string.IsNullOrEmpty(xLabel)) plot.XLabel(xLabel, 14);
        if (!string.IsNullOrEmpty(yLabel)) plot.YLabel(yLabel, 14);
        return plot;
    }

    /// <summary>
    /// A line with markers through the finite (x, y) pairs; non-finite points are dropped (the line joins its
    /// neighbours) and a single point still shows as a marker. Returns null when no point is finite.
    /// </summary>
    public static Scatter? AddLine(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> ys, string label, Color color)
    {
        var (fx, fy) = FinitePairs(xs, ys);
        if (fx.Length == 0) return null;
        var line = plot.Add.Scatter(fx, fy, color);
        line.LegendText = label;
        line.LineWidth = LineWidth;
        line.MarkerSize = MarkerSize;
        return line;
    }

    // A right-hand legend fits about 20 names in 600 px; past that ScottPlot spills a second column off the image,
    // so many series get a smaller, row-wrapped legend under the plot instead.
    private const int MaxSideLegendItems = 20;

    /// <summary>The legend of <paramref name="items"/> named series: on the right, or under the plot when long.</summary>
    public static void ShowLegend(Plot plot, int items)
    {
        if (items <= MaxSideLegendItems)
        {
            plot.ShowLegend(Edge.Right);
            return;
        }
        plot.Legend.FontSize = 11;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>A dashed grey reference level (no preference, chance) with its meaning in the legend.</summary>
    public static void AddReferenceLine(Plot plot, double y, string? label, PlotFormat format)
    {
        var line = plot.Add.HorizontalLine(y, 1.5f, Colors.Black.WithAlpha(0.55), Pattern(LinePattern.Dashed, format));
        line.LegendText = label ?? "";
    }

    public static (double[] Xs, double[] Ys) FinitePairs(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        var n = Math.Min(xs.Count, ys.Count);
        var fx = new List<double>(n);
        var fy = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i])) continue;
            fx.Add(xs[i]);
            fy.Add(ys[i]);
        }
        return (fx.ToArray(), fy.ToArray());
    }

    public static void RequireNonEmpty<T>(IReadOnlyCollection<T>? items, string paramName, string what)
    {
        if (items is null || items.Count == 0) throw new ArgumentException($"{what} must not be empty.", paramName);
    }

    public static void RequireSameLength(int expected, int actual, string paramName, string what)
    {
        if (actual != expected)
            throw new ArgumentException($"{what} has {actual} values but there are {expected} x values.", paramName);
    }
}
