using ScottPlot;
using SkiaSharp;

namespace Prebias.Core.Plots;

/// <summary>
/// A ScottPlot font resolver that answers one family name from TrueType bytes held in memory (regular and bold);
/// any other name returns null so ScottPlot's next resolver tries it.
/// </summary>
internal sealed class EmbeddedFontResolver(string family, byte[] regular, byte[] bold) : IFontResolver
{
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        Matches(fontName) ? Create(weight >= FontWeight.SemiBold) : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        Matches(fontName) ? Create(bold) : null;

    public SKTypeface Create(bool isBold)
    {
        using var data = SKData.CreateCopy(isBold ? bold : regular);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException("SkiaSharp could not read the embedded font.");
    }

    private bool Matches(string fontName) => string.Equals(fontName, family, StringComparison.OrdinalIgnoreCase);
}
