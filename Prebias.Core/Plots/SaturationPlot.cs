using ScottPlot;

namespace Prebias.Core.Plots;

/// <summary>
/// Two panels side by side, input metrics (left) and output metrics (right) over checkpoints, one line per metric;
/// a metric keeps its colour in both panels. Shows where each metric stops moving.
/// </summary>
public static class SaturationPlot
{
    public static PlotImage Render(SaturationPlotData data, SaturationPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new SaturationPlotOptions();
        PlotStyle.RequireNonEmpty(data.Checkpoints, nameof(data), "Checkpoints");
        if (data.InputMetrics.Count + data.OutputMetrics.Count == 0)
            throw new ArgumentException("At least one input or output metric series is required.", nameof(data));
        foreach (var series in data.InputMetrics.Concat(data.OutputMetrics))
            PlotStyle.RequireSameLength(data.Checkpoints.Count, series.Values.Count, nameof(data), $"Metric '{series.Name}'");

        // One colour per metric name across both panels, in order of first appearance.
        var colours = data.InputMetrics.Concat(data.OutputMetrics).Select(s => s.Name).Distinct().ToList();
        var yLabel = options.Normalize ? "value (min–max normalised)" : "value";
        var panels = new[]
        {
            Panel(options.InputTitle, data.Checkpoints, data.InputMetrics, colours, options, yLabel),
            Panel(options.OutputTitle, data.Checkpoints, data.OutputMetrics, colours, options, yLabel),
        };
        return PlotCanvas.Render(options, panels, columns: 2, figureTitle: options.Title ?? "Saturation curves");
    }

    private static Plot Panel(string title, IReadOnlyList<double> xs, IReadOnlyList<NamedSeries> metrics,
        List<string> colours, SaturationPlotOptions options, string yLabel)
    {
        var plot = PlotStyle.NewPlot(title, options.XLabel, yLabel);
        foreach (var metric in metrics)
        {
            var values = options.Normalize ? MinMaxNormalizer.Normalize(metric.Values) : metric.Values;
            PlotStyle.AddLine(plot, xs, values, metric.Name, PlotStyle.SeriesColor(colours.IndexOf(metric.Name)));
        }
        if (metrics.Count > 0) plot.ShowLegend(Edge.Bottom);
        return plot;
    }
}
