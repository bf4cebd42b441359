using ScottPlot;

namespace Prebias.Core.Plots;

/// <summary>
/// Saturation curves over checkpoints. By default small multiples: one panel per metric on its own scale (raw
/// compression ratio ≈ 2 and BLEU ≈ 0.02 cannot share an axis), each with the input (training data) and output
/// (generations) line in their own colour, and one legend for the figure. The older layout, all input metrics left
/// and all output metrics right, is <see cref="SaturationLayout.InputOutput"/>.
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

        var yLabel = options.Normalize ? "value (min–max normalised)" : "value";
        var title = options.TitleOr("Saturation curves");
        if (options.Layout == SaturationLayout.InputOutput)
        {
            // One colour per metric name across both panels, in order of first appearance.
            var colours = data.InputMetrics.Concat(data.OutputMetrics).Select(s => s.Name).Distinct().ToList();
            Plot[] sides =
            [
                Side(options.InputTitle, data.Checkpoints, data.InputMetrics, colours, options, yLabel),
                Side(options.OutputTitle, data.Checkpoints, data.OutputMetrics, colours, options, yLabel),
            ];
            return PlotCanvas.Render(options, sides, columns: 2, figureTitle: title);
        }
        var metrics = data.InputMetrics.Concat(data.OutputMetrics).Select(s => s.Name).Distinct().ToList();
        var panels = metrics.Select((metric, i) => MetricPanel(metric, data, options, yLabel, legend: i == 0)).ToList();
        return PlotCanvas.Render(options, panels, columns: Math.Min(options.Columns, panels.Count), figureTitle: title);
    }

    private static Plot MetricPanel(string metric, SaturationPlotData data, SaturationPlotOptions options, string yLabel,
        bool legend)
    {
        var plot = PlotStyle.NewPlot(metric, options.XLabel, yLabel);
        void Add(NamedSeries? series, string label, int colour)
        {
            if (series is null) return;
            var values = options.Normalize ? MinMaxNormalizer.Normalize(series.Values) : series.Values;
            PlotStyle.AddLine(plot, data.Checkpoints, values, label, PlotStyle.SeriesColor(colour));
        }
        Add(data.InputMetrics.FirstOrDefault(s => s.Name == metric), options.InputTitle, 0);
        Add(data.OutputMetrics.FirstOrDefault(s => s.Name == metric), options.OutputTitle, 1);
        // The two colours mean the same in every panel, so the figure needs the legend once.
        if (legend) plot.ShowLegend(Alignment.LowerRight);
        else plot.HideLegend();
        return plot;
    }

    private static Plot Side(string title, IReadOnlyList<double> xs, IReadOnlyList<NamedSeries> metrics,
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
