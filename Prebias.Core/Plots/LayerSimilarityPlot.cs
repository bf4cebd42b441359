using System.Globalization;
using ScottPlot;

namespace Prebias.Core.Plots;

/// <summary>
/// An L × L heatmap of similarities between layers (e.g. cosine similarity of their attention maps), row i and
/// column j for layers i and j, each cell annotated with its value in black or white, whichever reads on its colour.
/// </summary>
public static class LayerSimilarityPlot
{
    public static PlotImage Render(double[,] similarity, LayerSimilarityPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(similarity);
        options ??= new LayerSimilarityPlotOptions();
        var n = similarity.GetLength(0);
        if (n == 0 || similarity.GetLength(1) == 0) throw new ArgumentException("The similarity matrix must not be empty.", nameof(similarity));
        if (similarity.GetLength(1) != n)
            throw new ArgumentException($"The similarity matrix must be square, got {n} × {similarity.GetLength(1)}.", nameof(similarity));

        var plot = PlotStyle.NewPlot(options.TitleOr("Layer similarity"), "layer", "layer");
        var heatmap = HeatmapStyle.Add(plot, similarity, options.ValueLabel);
        var layers = Enumerable.Range(0, n).ToArray();
        HeatmapStyle.SetTicks(plot.Axes.Bottom, layers.Select(i => (HeatmapStyle.ColumnCentre(i), i.ToString())));
        HeatmapStyle.SetTicks(plot.Axes.Left, layers.Select(i => (HeatmapStyle.RowCentre(i, n), i.ToString())));
        if (options.Annotate && n <= options.MaxAnnotatedLayers) Annotate(plot, similarity, heatmap.ManualRange!.Value, options.ValueFormat);
        return PlotCanvas.Render(options, [plot]);
    }

    private static void Annotate(Plot plot, double[,] values, ScottPlot.Range range, string format)
    {
        var n = values.GetLength(0);
        var fontSize = Math.Clamp(160f / n, 9f, 16f);
        for (var r = 0; r < n; r++)
        for (var c = 0; c < n; c++)
        {
            var v = values[r, c];
            var text = plot.Add.Text(double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–",
                HeatmapStyle.ColumnCentre(c), HeatmapStyle.RowCentre(r, n));
            text.LabelAlignment = Alignment.MiddleCenter;
            text.LabelFontSize = fontSize;
            text.LabelFontName = PlotFonts.Family;
            // Viridis is dark at the low end and light at the high end: white text on the lower half, black above.
            var span = range.Max - range.Min;
            var fraction = span == 0 ? 1 : (v - range.Min) / span;
            text.LabelFontColor = double.IsFinite(v) && fraction < 0.5 ? Colors.White : Colors.Black;
        }
    }
}
