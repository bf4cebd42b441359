using ScottPlot;

namespace Prebias.Core.Plots;

/// <summary>
/// Bias probe score per checkpoint: one line per occupation (or per ordering), the summaries (mean over occupations,
/// stereotype lean, all pairs) in bold black under their names, a dashed reference at the no-preference level, and
/// the legend on the right.
/// </summary>
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

        var plot = PlotStyle.NewPlot(options.TitleOr("Bias probe over checkpoints"), options.XLabel, options.YLabel);
        if (options.ReferenceLine is { } reference)
            PlotStyle.AddReferenceLine(plot, reference, options.ReferenceLabel, options.Format);
        var colour = 0;
        // Occupations first, summaries last so they are drawn over them.
        foreach (var series in data.Series.OrderBy(s => BiasSubjects.IsSummary(s.Name)))
        {
            var summary = BiasSubjects.IsSummary(series.Name);
            var line = PlotStyle.AddLine(plot, data.Checkpoints, series.Values, BiasSubjects.Label(series.Name),
                summary ? Colors.Black : PlotStyle.SeriesColor(colour));
            if (line is null) continue;
            if (summary) line.LineWidth = PlotStyle.LineWidth * 2;
            else line.LinePattern = PlotStyle.SeriesPattern(colour++, options.Format);
        }
        PlotStyle.ShowLegend(plot, data.Series.Count + (options.ReferenceLabel is null ? 0 : 1));
        return PlotCanvas.Render(options, [plot]);
    }
}
