using ScottPlot;

namespace Prebias.Core.Plots;

/// <summary>Train and validation loss against step, with the learning rate on a second (right) axis when given.</summary>
public static class LossPlot
{
    public static PlotImage Render(LossPlotData data, LossPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new LossPlotOptions();
        if (data.Train.Count + data.Validation.Count == 0)
            throw new ArgumentException("At least one training or validation loss point is required.", nameof(data));

        var plot = PlotStyle.NewPlot(options.TitleOr("Loss"), options.XLabel, "loss");
        AddSeries(plot, data.Train, "train loss", PlotStyle.SeriesColor(0));
        AddSeries(plot, data.Validation, "val loss", PlotStyle.SeriesColor(1));
        if (data.LearningRate is { Count: > 0 } rates)
        {
            var line = AddSeries(plot, rates, "learning rate", Colors.Gray);
            if (line is not null)
            {
                line.Axes.YAxis = plot.Axes.Right;
                line.LinePattern = PlotStyle.Pattern(LinePattern.Dashed, options.Format);
                line.MarkerSize = 0;
                plot.Axes.Right.Label.Text = "learning rate";
                plot.Axes.Right.Label.FontSize = 14;
            }
        }
        plot.ShowLegend(Alignment.UpperRight);
        return PlotCanvas.Render(options, [plot]);
    }

    private static ScottPlot.Plottables.Scatter? AddSeries(Plot plot, IReadOnlyList<StepValue> points, string label, Color color) =>
        PlotStyle.AddLine(plot, points.Select(p => p.Step).ToArray(), points.Select(p => p.Value).ToArray(), label, color);
}
