namespace Prebias.Core.Plots;

/// <summary>Options shared by every plot: image size, format and title. Each plot's options record derives from it.</summary>
public abstract record PlotOptions
{
    /// <summary>Largest accepted width or height in pixels (a guard against absurd requests from HTTP query strings).</summary>
    public const int MaxPixels = 8000;

    /// <summary>Image width in pixels (default 1000).</summary>
    public int Width { get; init; } = 1000;

    /// <summary>Image height in pixels (default 600).</summary>
    public int Height { get; init; } = 600;

    /// <summary>PNG (default) or SVG.</summary>
    public PlotFormat Format { get; init; } = PlotFormat.Png;

    /// <summary>Title above the plot; null uses the plot's default title, "" shows none.</summary>
    public string? Title { get; init; }

    /// <summary>What the figure is of (a run, a checkpoint, an experiment), added to the default title so a saved
    /// image still says where it came from.</summary>
    public string? Subject { get; init; }

    /// <summary><see cref="Title"/>, else the plot's default title followed by <see cref="Subject"/>.</summary>
    internal string TitleOr(string defaultTitle) =>
        Title ?? (string.IsNullOrWhiteSpace(Subject) ? defaultTitle : $"{defaultTitle} — {Subject}");

    internal void Validate()
    {
        if (Width is < 1 or > MaxPixels) throw new ArgumentOutOfRangeException(nameof(Width), Width, $"Width must be in 1..{MaxPixels}.");
        if (Height is < 1 or > MaxPixels) throw new ArgumentOutOfRangeException(nameof(Height), Height, $"Height must be in 1..{MaxPixels}.");
    }
}
