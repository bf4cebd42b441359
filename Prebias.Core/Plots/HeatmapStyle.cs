using ScottPlot;
using ScottPlot.Plottables;

namespace Prebias.Core.Plots;

/// <summary>
/// Shared heatmap set-up: cells of size 1 laid over [0, columns] × [0, rows] with row 0 at the top (as matrices and
/// attention maps are read), a colour range taken from the finite values only, NaN cells white, a colorbar, and
/// helpers for the centre of a row or column in plot coordinates.
/// </summary>
internal static class HeatmapStyle
{
    public static Heatmap Add(Plot plot, double[,] values, string colorbarLabel)
    {
        // ScottPlot's Heatmap.Update() takes the range of the data and throws when no value is finite, so infinities
        // become NaN (drawn white) and an all-NaN map is drawn as an invisible map of zeros over the white background.
        var (cells, anyFinite) = Sanitize(values);
        var heatmap = plot.Add.Heatmap(cells);
        if (!anyFinite) heatmap.Opacity = 0;
        heatmap.ManualRange = FiniteRange(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.NaNCellColor = Colors.White;
        // Rectangle = the outer edges of the cells (Extent would put cell centres on these bounds).
        heatmap.Rectangle = new CoordinateRect(0, values.GetLength(1), 0, values.GetLength(0));
        var colorbar = plot.Add.ColorBar(heatmap);
        // The colorbar's own Label is drawn over its tick labels in ScottPlot 5.1; its axis label is laid out properly.
        colorbar.Axis.Label.Text = colorbarLabel;
        colorbar.Axis.Label.FontSize = 13;
        colorbar.Axis.Label.FontName = PlotFonts.Family;
        colorbar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TargetTickCount = 6 };
        plot.Axes.Margins(0, 0);
        plot.HideGrid();
        return heatmap;
    }

    /// <summary>y coordinate of the centre of matrix row <paramref name="row"/> (row 0 drawn at the top).</summary>
    public static double RowCentre(int row, int rows) => rows - row - 0.5;

    public static double ColumnCentre(int column) => column + 0.5;

    /// <summary>Min and max of the finite values; (0, 1) when there are none, widened by ±0.5 when all are equal.</summary>
    public static ScottPlot.Range FiniteRange(double[,] values)
    {
        var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (min > max) return new ScottPlot.Range(0, 1);
        return min == max ? new ScottPlot.Range(min - 0.5, max + 0.5) : new ScottPlot.Range(min, max);
    }

    private static (double[,] Cells, bool AnyFinite) Sanitize(double[,] values)
    {
        var cells = (double[,])values.Clone();
        var anyFinite = false;
        for (var r = 0; r < cells.GetLength(0); r++)
        for (var c = 0; c < cells.GetLength(1); c++)
        {
            if (double.IsFinite(cells[r, c])) anyFinite = true;
            else cells[r, c] = double.NaN;
        }
        if (!anyFinite) Array.Clear(cells);
        return (cells, anyFinite);
    }

    public static void SetTicks(IAxis axis, IEnumerable<(double Position, string Label)> ticks)
    {
        var generator = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (position, label) in ticks) generator.AddMajor(position, label);
        axis.TickGenerator = generator;
    }
}
