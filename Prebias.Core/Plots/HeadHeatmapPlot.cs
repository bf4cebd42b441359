namespace Prebias.Core.Plots;

/// <summary>
/// Heads by step: one row per layer and head, one column per checkpoint, coloured by a per-head score (prefix
/// matching), so the phase change where induction heads form shows as a vertical edge.
/// </summary>
public static class HeadHeatmapPlot
{
    /// <param name="values">[head][checkpoint], rows labelled by <paramref name="headLabels"/>, columns by <paramref
    /// name="steps"/>.</param>
    public static PlotImage Render(IReadOnlyList<double> steps, IReadOnlyList<string> headLabels,
        IReadOnlyList<IReadOnlyList<double>> values,
        string valueLabel, InContextPlotOptions? options = null)
    {
        options ??= new InContextPlotOptions();
        if (steps.Count == 0 || headLabels.Count == 0)
            throw new ArgumentException("At least one checkpoint and one head are required.", nameof(values));
        var cells = new double[headLabels.Count, steps.Count];
        for (var h = 0; h < headLabels.Count; h++)
        for (var s = 0; s < steps.Count; s++) cells[h, s] = values[h][s];
        var plot = PlotStyle.NewPlot(options.Title ?? "Prefix matching by head and step",
            $"{options.XLabel} (checkpoints)", "layer.head");
        HeatmapStyle.Add(plot, cells, valueLabel);
        // At most about 12 step labels, so they never overlap.
        var every = Math.Max(1, (int)Math.Ceiling(steps.Count / 12.0));
        HeatmapStyle.SetTicks(plot.Axes.Bottom, Enumerable.Range(0, steps.Count).Where(s => s % every == 0)
            .Select(s => (HeatmapStyle.ColumnCentre(s), steps[s].ToString("0"))));
        HeatmapStyle.SetTicks(plot.Axes.Left, Enumerable.Range(0, headLabels.Count)
            .Select(h => (HeatmapStyle.RowCentre(h, headLabels.Count), headLabels[h])));
        return PlotCanvas.Render(options, [plot]);
    }
}
