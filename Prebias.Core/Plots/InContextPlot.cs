namespace Prebias.Core.Plots;

/// <summary>
/// Two panels against step: the ICL score (late-token loss minus early-token loss; falling below 0 is in-context
/// learning) and every head's prefix-matching score, the line of the best head at the end drawn first in the legend.
/// </summary>
public static class InContextPlot
{
    public static PlotImage Render(InContextPlotData data, InContextPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new InContextPlotOptions();
        PlotStyle.RequireNonEmpty(data.Steps, nameof(data), "checkpoint steps");
        var icl = PlotStyle.NewPlot("ICL score", options.XLabel, data.IclLabel);
        PlotStyle.AddLine(icl, data.Steps, data.IclScore, "ICL score", PlotStyle.SeriesColor(0));
        icl.ShowLegend(ScottPlot.Alignment.UpperRight);

        var heads = PlotStyle.NewPlot("Prefix matching per head", options.XLabel,
            "attention to the token after the earlier copy");
        var ranked = Enumerable.Range(0, data.HeadLabels.Count)
            .OrderByDescending(h => data.PrefixMatching[h].LastOrDefault(double.IsFinite,
                double.NegativeInfinity)).ToList();
        for (var i = 0; i < ranked.Count; i++)
            PlotStyle.AddLine(heads, data.Steps, data.PrefixMatching[ranked[i]], data.HeadLabels[ranked[i]],
                PlotStyle.SeriesColor(i));
        heads.ShowLegend(ScottPlot.Alignment.UpperLeft);
        return PlotCanvas.Render(options, [icl, heads], columns: 2,
            figureTitle: options.Title ?? "In-context learning");
    }
}
