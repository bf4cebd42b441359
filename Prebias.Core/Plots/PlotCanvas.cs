using ScottPlot;
using SkiaSharp;

namespace Prebias.Core.Plots;

/// <summary>
/// Lays out one or more ScottPlot plots on one canvas (an optional figure title strip, then a grid of panels filled
/// row by row) and encodes it as PNG (raster surface) or SVG (Skia's SVG canvas), the same way ScottPlot's own
/// Multiplot renders subplots into pixel rectangles.
/// </summary>
internal static class PlotCanvas
{
    private const float TitleFontSize = 18;
    private const float TitleStripHeight = 34;

    public static PlotImage Render(PlotOptions options, IReadOnlyList<Plot> panels, int columns = 1, string? figureTitle = null)
    {
        options.Validate();
        if (panels.Count == 0) throw new ArgumentException("At least one panel is required.", nameof(panels));
        columns = Math.Clamp(columns, 1, panels.Count);
        var draw = (SKCanvas canvas) => Draw(canvas, options.Width, options.Height, panels, columns, figureTitle);
        return options.Format == PlotFormat.Png
            ? new PlotImage(EncodePng(options.Width, options.Height, draw), PlotFormat.Png, options.Width, options.Height)
            : new PlotImage(EncodeSvg(options.Width, options.Height, draw), PlotFormat.Svg, options.Width, options.Height);
    }

    private static void Draw(SKCanvas canvas, int width, int height, IReadOnlyList<Plot> panels, int columns, string? figureTitle)
    {
        canvas.Clear(SKColors.White);
        var top = 0f;
        if (!string.IsNullOrEmpty(figureTitle))
        {
            DrawTitle(canvas, figureTitle, width);
            top = TitleStripHeight;
        }
        var rows = (panels.Count + columns - 1) / columns;
        var cellWidth = width / (float)columns;
        var cellHeight = (height - top) / rows;
        for (var i = 0; i < panels.Count; i++)
        {
            var (row, column) = (i / columns, i % columns);
            var rect = new PixelRect(new Pixel(column * cellWidth, top + row * cellHeight), new PixelSize(cellWidth, cellHeight));
            panels[i].Render(canvas, rect);
        }
    }

    private static void DrawTitle(SKCanvas canvas, string title, int width)
    {
        using var typeface = PlotFonts.CreateTypeface(bold: true);
        using var font = new SKFont(typeface, TitleFontSize);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawText(title, width / 2f, TitleStripHeight - 10, SKTextAlign.Center, font, paint);
    }

    private static byte[] EncodePng(int width, int height, Action<SKCanvas> draw)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"SkiaSharp could not allocate a {width}x{height} surface.");
        draw(surface.Canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static byte[] EncodeSvg(int width, int height, Action<SKCanvas> draw)
    {
        using var stream = new MemoryStream();
        // The SVG canvas writes its closing tags when disposed, so dispose it before reading the stream.
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(width, height), stream))
            draw(canvas);
        return stream.ToArray();
    }
}
