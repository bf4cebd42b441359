namespace Prebias.Core.Plots;

/// <summary>
/// PMI by step: one row per source and set pair ("data: gender_female × afinn_negative"), one column per checkpoint,
/// coloured by the PMI in bits, so a pairing that the data teaches and the generations pick up shows as two rows
/// warming together. Undefined cells (an empty window) are drawn white, as in the head heatmap.
/// </summary>
public static class AssociationHeatmapPlot
{
    /// <param name="values">[row][checkpoint] PMI in bits (NaN where undefined).</param>
    public static PlotImage Render(IReadOnlyList<double> steps, IReadOnlyList<string> rowLabels,
        IReadOnlyList<IReadOnlyList<double>> values, AssociationPlotOptions? options = null)
    {
        options ??= new AssociationPlotOptions();
        if (steps.Count == 0 || rowLabels.Count == 0)
            throw new ArgumentException("At least one checkpoint and one set pair are required.", nameof(values));
        var cells = new double[rowLabels.Count, steps.Count];
        for (var r = 0; r < rowLabels.Count; r++)
        for (var s = 0; s < steps.Count; s++) cells[r, s] = values[r][s];
        var plot = PlotStyle.NewPlot(options.Title ?? "PMI of word sets by step", "step (checkpoints)",
            "source: set A × set B");
        HeatmapStyle.Add(plot, cells, "PMI (bits, add-0.5 smoothed)");
        // At most about 12 step labels, so they never overlap.
        var every = Math.Max(1, (int)Math.Ceiling(steps.Count / 12.0));
        HeatmapStyle.SetTicks(plot.Axes.Bottom, Enumerable.Range(0, steps.Count).Where(s => s % every == 0)
            .Select(s => (HeatmapStyle.ColumnCentre(s), steps[s].ToString("0"))));
        HeatmapStyle.SetTicks(plot.Axes.Left, Enumerable.Range(0, rowLabels.Count)
            .Select(r => (HeatmapStyle.RowCentre(r, rowLabels.Count), rowLabels[r])));
        return PlotCanvas.Render(options, [plot]);
    }
}
