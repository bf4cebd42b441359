using ScottPlot;

namespace Prebias.Core.Plots;

/// <summary>
/// Per metric, each ordering's output metric over checkpoints (mean across seeds) with a translucent band for the
/// seed spread, the baseline ordering in black, so an order effect can be read against seed noise
/// (the durability experiment's comparison).
/// </summary>
public static class ComparisonPlot
{
    private const double BandAlpha = 0.18;

    public static PlotImage Render(ComparisonPlotData data, ComparisonPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new ComparisonPlotOptions();
        PlotStyle.RequireNonEmpty(data.Metrics, nameof(data), "Metrics");
        foreach (var panel in data.Metrics)
        {
            PlotStyle.RequireNonEmpty(panel.Checkpoints, nameof(data), $"Checkpoints of '{panel.Metric}'");
            PlotStyle.RequireNonEmpty(panel.Orderings, nameof(data), $"Orderings of '{panel.Metric}'");
            foreach (var ordering in panel.Orderings)
            {
                PlotStyle.RequireNonEmpty(ordering.Seeds, nameof(data), $"Seeds of '{ordering.Ordering}' in '{panel.Metric}'");
                foreach (var seed in ordering.Seeds)
                    PlotStyle.RequireSameLength(panel.Checkpoints.Count, seed.Count, nameof(data), $"A seed of '{ordering.Ordering}' in '{panel.Metric}'");
            }
        }

        // Colours by ordering name across panels; the baseline is always black.
        var others = data.Metrics.SelectMany(m => m.Orderings).Select(o => o.Ordering)
            .Where(o => o != data.BaselineOrdering).Distinct().ToList();
        var bandName = options.Band == SeedBand.MinMax ? "min–max" : "±1 std";
        var panels = data.Metrics.Select((m, i) => Panel(m, data.BaselineOrdering, others, options, legend: i == 0))
            .ToArray();
        return PlotCanvas.Render(options, panels, options.Columns,
            options.TitleOr($"Orderings vs {data.BaselineOrdering} (band: {bandName} across seeds)"));
    }

    private static Plot Panel(ComparisonPanel panel, string baseline, List<string> others,
        ComparisonPlotOptions options, bool legend)
    {
        var plot = PlotStyle.NewPlot(panel.Metric, options.XLabel, panel.Metric);
        // Baseline first so the other orderings are drawn over it.
        foreach (var ordering in panel.Orderings.OrderBy(o => o.Ordering == baseline ? 0 : 1))
        {
            var isBaseline = ordering.Ordering == baseline;
            var colour = isBaseline ? Colors.Black : PlotStyle.SeriesColor(others.IndexOf(ordering.Ordering));
            var summary = SeedSummary.Compute(ordering.Seeds, panel.Checkpoints.Count, options.Band);
            AddBand(plot, panel.Checkpoints, summary, colour);
            var label = $"{ordering.Ordering}{(isBaseline ? " (baseline)" : "")}, {ordering.Seeds.Count} seed{(ordering.Seeds.Count == 1 ? "" : "s")}";
            var line = PlotStyle.AddLine(plot, panel.Checkpoints, summary.Mean, label, colour);
            if (line is not null && isBaseline) line.LinePattern = PlotStyle.Pattern(LinePattern.Dashed, options.Format);
        }
        // An ordering has the same colour in every panel, so the figure needs its legend once; inside the first
        // panel it leaves every panel's plot area the same size.
        if (legend) plot.ShowLegend(Alignment.UpperRight);
        else plot.HideLegend();
        return plot;
    }

    private static void AddBand(Plot plot, IReadOnlyList<double> xs, SeedSummary summary, Color colour)
    {
        var points = new List<(double X, double Lower, double Upper)>();
        for (var i = 0; i < xs.Count; i++)
            if (double.IsFinite(xs[i]) && double.IsFinite(summary.Lower[i]) && double.IsFinite(summary.Upper[i]))
                points.Add((xs[i], summary.Lower[i], summary.Upper[i]));
        if (points.Count < 2) return; // a band needs two points to have area
        var fill = plot.Add.FillY(points);
        fill.FillStyle.Color = colour.WithAlpha(BandAlpha);
        fill.LineStyle.Width = 0;
    }
}
