using ScottPlot;
using SkiaSharp;

namespace Prebias.Core.Plots;

/// <summary>
/// The embedded DejaVu Sans typefaces (see Fonts/LICENSES.md), registered once with ScottPlot's global font resolvers
/// under a family name no system font has, so every plot resolves its text to the embedded font and never to
/// whatever (possibly nothing) the machine has installed.
/// </summary>
public static class PlotFonts
{
    /// <summary>The family name every plot uses; resolved only by the embedded font.</summary>
    public const string Family = "Prebias DejaVu Sans";

    internal const string RegularResource = "Prebias.Fonts.DejaVuSans.ttf";
    internal const string BoldResource = "Prebias.Fonts.DejaVuSans-Bold.ttf";

    private static readonly Lazy<EmbeddedFontResolver> Resolver = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Registers the embedded font with ScottPlot (idempotent, thread-safe).</summary>
    public static void EnsureRegistered() => _ = Resolver.Value;

    /// <summary>The embedded typeface (bold or regular); a fresh instance the caller disposes.</summary>
    public static SKTypeface CreateTypeface(bool bold = false) => Resolver.Value.Create(bold);

    private static EmbeddedFontResolver Register()
    {
        var resolver = new EmbeddedFontResolver(Family, ReadResource(RegularResource), ReadResource(BoldResource));
        // ScottPlot's resolver list is a plain List read on every typeface lookup; it is written here exactly once.
        lock (Fonts.FontResolvers) Fonts.FontResolvers.Insert(0, resolver);
        // New labels (legends, colorbars, annotations) take Fonts.Default at construction: point it at the embedded font.
        Fonts.Default = Family;
        Fonts.Sans = Family;
        return resolver;
    }

    private static byte[] ReadResource(string name)
    {
        using var stream = typeof(PlotFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded font '{name}' is missing; the build restores it with npm ci in Prebias.Core/Plots/Fonts.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
