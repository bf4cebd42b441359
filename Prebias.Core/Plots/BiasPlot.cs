using ScottPlot;

namespace Prebias.Core.Plots;

/// <summary>Bias probe score per checkpoint, one line per occupation or per ordering, legend on the right.</summary>
public static class BiasPlot
{
    public static PlotImage Render(BiasPlotData data, BiasPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new BiasPlotOptions();
        PlotStyle.RequireNonEmpty(data.Checkpoints, nameof(data), "Checkpoints");
        PlotStyle.RequireNonEmpty(data.Series, nameof(data), "Series");
        foreach (var series in data.Series)
            PlotStyle.RequireSameLength(data.Checkpoints.Count, series.Values.Count, nameof(data), $"Series '{series.Name}'");

        var plot = PlotStyle.NewPlot(options.Title ?? "Bias probe over checkpoints", options.XLabel, options.YLabel);
        if (options.ZeroLine) plot.Add.HorizontalLine(0, 1, Colors.Black.WithAlpha(0.5), PlotStyle.Pattern(LinePattern.Dashed, options.Format));
        for (var i = 0; i < data.Series.Count; i++)
        {
            var line = PlotStyle.AddLine(plot, data.Checkpoints, data.Series[i].Values, data.Series[i].Name, PlotStyle.SeriesColor(i));
            if (line is not null) line.LinePattern = PlotStyle.SeriesPattern(i, options.Format);
        }
        ShowLegend(plot, data.Series.Count);
        return PlotCanvas.Render(options, [plot]);
    }

    // A right-hand legend fits about 20 names in 600 px; past that ScottPlot spills a second column off the image,
    // so many occupations get a smaller, row-wrapped legend under the plot instead.
    private const int MaxSideLegendItems = 20;

    private static void ShowLegend(Plot plot, int items)
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
}
