using System.Globalization;
using ScottPlot;

namespace Prebias.Core.Plots;

/// <summary>
/// A 2-D PCA scatter of token embeddings, the explained variance in the axis labels and text labels on the N most
/// frequent tokens (the view of visualize_embd.py in the original pipeline).
/// </summary>
public static class EmbeddingPlot
{
    public static PlotImage Render(EmbeddingPlotData data, EmbeddingPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new EmbeddingPlotOptions();
        PlotStyle.RequireNonEmpty(data.Pc1, nameof(data), "Pc1");
        PlotStyle.RequireSameLength(data.Pc1.Count, data.Pc2.Count, nameof(data), "Pc2");
        if (data.Tokens is not null) PlotStyle.RequireSameLength(data.Pc1.Count, data.Tokens.Count, nameof(data), "Tokens");
        if (data.Frequencies is not null) PlotStyle.RequireSameLength(data.Pc1.Count, data.Frequencies.Count, nameof(data), "Frequencies");

        var plot = PlotStyle.NewPlot(options.TitleOr("Token embeddings (PCA)"),
            $"PC1 ({Percent(data.ExplainedVariance1)} of variance)", $"PC2 ({Percent(data.ExplainedVariance2)} of variance)");
        var (xs, ys) = PlotStyle.FinitePairs(data.Pc1, data.Pc2);
        if (xs.Length > 0)
        {
            var points = plot.Add.ScatterPoints(xs, ys, PlotStyle.SeriesColor(0).WithAlpha(0.45));
            points.MarkerSize = 4;
        }
        if (data.Tokens is { } tokens && options.LabelTopN > 0) Label(plot, data, tokens, options.LabelTopN);
        return PlotCanvas.Render(options, [plot]);
    }

    /// <summary>Indices of the <paramref name="count"/> tokens to label: most frequent first (ties by index), else the first ones.</summary>
    public static int[] LabelledIndices(IReadOnlyList<long>? frequencies, int tokens, int count)
    {
        var indices = Enumerable.Range(0, tokens);
        if (frequencies is not null) indices = indices.OrderByDescending(i => frequencies[i]).ThenBy(i => i);
        return indices.Take(Math.Max(0, count)).ToArray();
    }

    private static void Label(Plot plot, EmbeddingPlotData data, IReadOnlyList<string> tokens, int count)
    {
        foreach (var i in LabelledIndices(data.Frequencies, tokens.Count, count))
        {
            if (!double.IsFinite(data.Pc1[i]) || !double.IsFinite(data.Pc2[i])) continue;
            var marker = plot.Add.Marker(data.Pc1[i], data.Pc2[i], MarkerShape.FilledCircle, 6, PlotStyle.SeriesColor(1));
            marker.LegendText = "";
            var text = plot.Add.Text(tokens[i].Replace('▁', ' ').Trim(), data.Pc1[i], data.Pc2[i]);
            text.LabelFontSize = 12;
            text.LabelFontName = PlotFonts.Family;
            text.LabelFontColor = Colors.Black;
            text.LabelAlignment = Alignment.LowerLeft;
            text.OffsetX = 4;
            text.OffsetY = -3;
        }
    }

    private static string Percent(double share) =>
        double.IsFinite(share) ? (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "?";
}
