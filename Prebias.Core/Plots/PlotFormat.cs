namespace Prebias.Core.Plots;

/// <summary>Image format of a rendered plot.</summary>
public enum PlotFormat
{
    /// <summary>Raster PNG (image/png).</summary>
    Png,

    /// <summary>Vector SVG (image/svg+xml); heatmaps are embedded as raster images inside it.</summary>
    Svg,
}
