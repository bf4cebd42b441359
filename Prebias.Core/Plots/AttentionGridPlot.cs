using ScottPlot;

namespace Prebias.Core.Plots;

/// <summary>
/// Attention maps (query rows × key columns) as a grid of heatmaps, rows layers and columns heads, drawn as one
/// heatmap with white gaps so all maps share one colour scale and one colorbar; or one layer/head with token labels
/// (one panel per head, so heads compare at a glance).
/// </summary>
public static class AttentionGridPlot
{
    public static PlotImage Render(AttentionWeights weights, AttentionPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        options ??= new AttentionPlotOptions();
        weights.Validate();
        if (options.Layer is { } l && (l < 0 || l >= weights.Layers))
            throw new ArgumentOutOfRangeException(nameof(options), l, $"Layer must be in 0..{weights.Layers - 1}.");
        if (options.Head is { } h && (h < 0 || h >= weights.Heads))
            throw new ArgumentOutOfRangeException(nameof(options), h, $"Head must be in 0..{weights.Heads - 1}.");

        int[] layers = options.Layer is { } layer ? [layer] : Enumerable.Range(0, weights.Layers).ToArray();
        int[] heads = options.Head is { } head ? [head] : Enumerable.Range(0, weights.Heads).ToArray();
        var single = layers.Length == 1 && heads.Length == 1;
        var title = options.TitleOr(single ? $"Attention, layer {layers[0]}, head {heads[0]}"
            : "Attention by layer (rows) and head (columns)");
        var plot = single ? Single(weights, layers[0], heads[0], options, title) : Grid(weights, layers, heads, title);
        return PlotCanvas.Render(options, [plot]);
    }

    private static Plot Single(AttentionWeights weights, int layer, int head, AttentionPlotOptions options, string title)
    {
        var t = weights.Tokens;
        var plot = PlotStyle.NewPlot(title, "key position", "query position");
        HeatmapStyle.Add(plot, Block(weights, layer, head), "attention weight");
        var labels = weights.TokenLabels is { } tokens && t <= options.MaxLabelledTokens
            ? tokens.Select(Printable).ToArray()
            : null;
        var step = labels is null ? Math.Max(1, t / 16) : 1;
        var indices = Enumerable.Range(0, t).Where(i => i % step == 0).ToArray();
        HeatmapStyle.SetTicks(plot.Axes.Bottom, indices.Select(i => (HeatmapStyle.ColumnCentre(i), labels?[i] ?? i.ToString())));
        HeatmapStyle.SetTicks(plot.Axes.Left, indices.Select(i => (HeatmapStyle.RowCentre(i, t), labels?[i] ?? i.ToString())));
        if (labels is not null)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -90;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            // ScottPlot sizes the axis for unrotated labels: reserve the rotated labels' length plus the axis label.
            plot.Axes.Bottom.MinimumSize = labels.Max(s => s.Length) * 8 + 45;
        }
        return plot;
    }

    private static Plot Grid(AttentionWeights weights, int[] layers, int[] heads, string title)
    {
        var t = weights.Tokens;
        var gap = Math.Max(1, t / 8); // white cells between maps, scaled with the map so it stays visible
        var pitch = t + gap;
        var grid = new double[layers.Length * pitch - gap, heads.Length * pitch - gap];
        for (var r = 0; r < grid.GetLength(0); r++)
        for (var c = 0; c < grid.GetLength(1); c++)
            grid[r, c] = double.NaN;
        for (var li = 0; li < layers.Length; li++)
        for (var hi = 0; hi < heads.Length; hi++)
        {
            var block = Block(weights, layers[li], heads[hi]);
            for (var q = 0; q < t; q++)
            for (var k = 0; k < t; k++)
                grid[li * pitch + q, hi * pitch + k] = block[q, k];
        }
        var plot = PlotStyle.NewPlot(title, "head", "layer");
        HeatmapStyle.Add(plot, grid, "attention weight");
        var rows = grid.GetLength(0);
        HeatmapStyle.SetTicks(plot.Axes.Bottom, heads.Select((h, i) => (i * pitch + t / 2.0, h.ToString())));
        HeatmapStyle.SetTicks(plot.Axes.Left, layers.Select((l, i) => (rows - (i * pitch + t / 2.0), l.ToString())));
        return plot;
    }

    // (Tokens, Tokens) map of one layer and head: rows queries, columns keys.
    private static double[,] Block(AttentionWeights weights, int layer, int head)
    {
        var t = weights.Tokens;
        var block = new double[t, t];
        for (var q = 0; q < t; q++)
        for (var k = 0; k < t; k++)
            block[q, k] = weights[layer, head, q, k];
        return block;
    }

    // Sentencepiece marks a leading space with '▁' and byte tokens as <0x0A>; show spaces as '·' so they stay visible.
    private static string Printable(string token) => token.Replace('▁', '·').Replace(' ', '·').Replace("\n", "\\n");
}
