using System.Diagnostics;
using System.Globalization;
using Prebias.Core.Plots;

namespace Prebias.Bench;

/// <summary>
/// <c>bench plots [--repeat N] [--format png|svg] [--width W] [--height H] [--out DIR]</c>: renders each plot kind N
/// times (default 20) after one warm-up render (font registration, JIT) and prints the mean time per render; with
/// --out, writes one image of each kind there. Last line: <c>ms_per_plot: X</c> (mean over the plot kinds).
/// </summary>
public static class PlotsBenchmark
{
    public static Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var (repeat, format, width, height) = (20, PlotFormat.Png, 1000, 600);
        string? outDir = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--repeat": repeat = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--format": format = Enum.Parse<PlotFormat>(args[i + 1], ignoreCase: true); break;
                case "--width": width = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--height": height = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--out": outDir = args[i + 1]; break;
                default: Console.Error.WriteLine($"Unknown option {args[i]}"); return Task.FromResult(2);
            }
        }

        var saturation = PlotsBenchmarkData.Saturation();
        var loss = PlotsBenchmarkData.Loss();
        var attention = PlotsBenchmarkData.Attention();
        var layers = PlotsBenchmarkData.LayerSimilarity();
        var embedding = PlotsBenchmarkData.Embedding();
        var bias = PlotsBenchmarkData.Bias();
        var comparison = PlotsBenchmarkData.Comparison();
        var plots = new (string Name, Func<PlotImage> Render)[]
        {
            ("saturation", () => SaturationPlot.Render(saturation, new() { Width = width, Height = height, Format = format, Normalize = true })),
            ("losses", () => LossPlot.Render(loss, new() { Width = width, Height = height, Format = format })),
            ("attention_grid", () => AttentionGridPlot.Render(attention, new() { Width = width, Height = height, Format = format })),
            ("attention_head", () => AttentionGridPlot.Render(attention, new() { Width = width, Height = height, Format = format, Layer = 0, Head = 0 })),
            ("layers", () => LayerSimilarityPlot.Render(layers, new() { Width = width, Height = height, Format = format })),
            ("embeddings", () => EmbeddingPlot.Render(embedding, new() { Width = width, Height = height, Format = format })),
            ("bias", () => BiasPlot.Render(bias, new() { Width = width, Height = height, Format = format })),
            ("comparison", () => ComparisonPlot.Render(comparison, new() { Width = width, Height = height, Format = format })),
        };

        if (outDir is not null) Directory.CreateDirectory(outDir);
        var means = new List<double>();
        foreach (var (name, render) in plots)
        {
            ct.ThrowIfCancellationRequested();
            var image = render(); // warm-up
            if (outDir is not null) File.WriteAllBytes(Path.Combine(outDir, name + image.FileExtension), image.Bytes);
            var watch = Stopwatch.StartNew();
            for (var r = 0; r < repeat; r++) render();
            var ms = watch.Elapsed.TotalMilliseconds / repeat;
            means.Add(ms);
            Console.WriteLine($"{name,-16} {ms,8:F1} ms/render  {image.Bytes.Length,8} bytes  ({width}x{height} {format})");
        }
        Console.WriteLine($"ms_per_plot: {means.Average().ToString("F1", CultureInfo.InvariantCulture)}");
        return Task.FromResult(0);
    }
}
