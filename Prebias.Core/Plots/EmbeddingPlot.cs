using System.Globalization;
using ScottPlot;

namespace Prebias.Core.Plots;

/// <summary>
/// A 2-D PCA scatter of token embeddings, the explained variance in the axis labels and text labels on the N most
/// frequent tokens (labelled, because an unlabelled point cloud tells nothing). Two checkpoints side by side
/// (<see cref="RenderPair"/>) share their axes, so a cloud that spreads out is seen to spread.
/// </summary>
public static class EmbeddingPlot
{
    private const string DefaultTitle = "Token embeddings (PCA)";

    public static PlotImage Render(EmbeddingPlotData data, EmbeddingPlotOptions? options = null)
    {
        options ??= new EmbeddingPlotOptions();
        return PlotCanvas.Render(options, [Panel(data, options, options.TitleOr(DefaultTitle))]);
    }

    /// <summary>Checkpoints A and B side by side on the same x and y limits, under one figure title.</summary>
    public static PlotImage RenderPair(EmbeddingPlotData a, string titleA, EmbeddingPlotData b, string titleB,
        EmbeddingPlotOptions? options = null)
    {
        options ??= new EmbeddingPlotOptions();
        var panels = new[] { Panel(a, options, titleA), Panel(b, options, titleB) };
        var (x, y) = (PlotStyle.FinitePairs(a.Pc1, a.Pc2), PlotStyle.FinitePairs(b.Pc1, b.Pc2));
        var xs = x.Xs.Concat(y.Xs).ToArray();
        var ys = x.Ys.Concat(y.Ys).ToArray();
        if (xs.Length > 0)
        {
            // 5 % margin so the outermost points and their labels stay inside the frame.
            var (dx, dy) = (Math.Max(1e-9, xs.Max() - xs.Min()) * 0.05, Math.Max(1e-9, ys.Max() - ys.Min()) * 0.05);
            foreach (var panel in panels)
                panel.Axes.SetLimits(xs.Min() - dx, xs.Max() + dx, ys.Min() - dy, ys.Max() + dy);
        }
        return PlotCanvas.Render(options, panels, columns: 2, figureTitle: options.TitleOr(DefaultTitle));
    }

    private static Plot Panel(EmbeddingPlotData data, EmbeddingPlotOptions options, string title)
    {
        ArgumentNullException.ThrowIfNull(data);
        PlotStyle.RequireNonEmpty(data.Pc1, nameof(data), "Pc1");
        PlotStyle.RequireSameLength(data.Pc1.Count, data.Pc2.Count, nameof(data), "Pc2");
        if (data.Tokens is not null)
            PlotStyle.RequireSameLength(data.Pc1.Count, data.Tokens.Count, nameof(data), "Tokens");
        if (data.Frequencies is not null)
            PlotStyle.RequireSameLength(data.Pc1.Count, data.Frequencies.Count, nameof(data), "Frequencies");

        var plot = PlotStyle.NewPlot(title, $"PC1 ({Percent(data.ExplainedVariance1)} of variance)",
            $"PC2 ({Percent(data.ExplainedVariance2)} of variance)");
        var (xs, ys) = PlotStyle.FinitePairs(data.Pc1, data.Pc2);
        if (xs.Length > 0)
        {
            var points = plot.Add.ScatterPoints(xs, ys, PlotStyle.SeriesColor(0).WithAlpha(0.45));
            points.MarkerSize = 4;
        }
        if (data.Tokens is { } tokens && options.LabelTopN > 0) Label(plot, data, tokens, options.LabelTopN);
        return plot;
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
