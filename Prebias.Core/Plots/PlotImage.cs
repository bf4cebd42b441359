using System.Text;

namespace Prebias.Core.Plots;

/// <summary>A rendered plot: the encoded bytes and their format (PNG bytes, or UTF-8 SVG text).</summary>
public sealed record PlotImage(byte[] Bytes, PlotFormat Format, int Width, int Height)
{
    /// <summary>MIME type for an HTTP response.</summary>
    public string ContentType => Format == PlotFormat.Png ? "image/png" : "image/svg+xml";

    /// <summary>File extension with the dot: ".png" or ".svg".</summary>
    public string FileExtension => Format == PlotFormat.Png ? ".png" : ".svg";

    /// <summary>The SVG document as text; throws for a PNG.</summary>
    public string SvgText => Format == PlotFormat.Svg
        ? Encoding.UTF8.GetString(Bytes)
        : throw new InvalidOperationException("This plot was rendered as PNG, not SVG.");
}
