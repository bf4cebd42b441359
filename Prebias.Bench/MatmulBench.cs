using System.Globalization;
using Prebias.Core.Diagnostics;
using Prebias.Core.Torch;
using TorchSharp;
using Prebias.Workers;

namespace Prebias.Bench;

/// <summary><c>bench matmul [--size 1024] [--iterations 50] [--repeat 5] [--threads T] [--device auto|cpu|cuda]</c>: best of repeats.</summary>
public static class MatmulBench
{
    public static Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var a = new CommandArgs(args);
        var size = a.GetInt("size", 1024);
        var iterations = a.GetInt("iterations", 50);
        var repeat = a.GetInt("repeat", 5);
        var device = TorchRuntime.Initialize(new TorchOptions { Device = a.Get("device") ?? "auto", Threads = a.GetInt("threads", 0) });

        Console.WriteLine($"device: {device}  threads: {torch.get_num_threads()}  torchsharp: {TorchRuntime.TorchSharpVersion}  libtorch: {TorchRuntime.LibTorchVersion}");
        var best = 0.0;
        for (var r = 0; r < repeat; r++)
        {
            var gflops = MatmulBenchmark.MeasureGflops(device, size, iterations, ct);
            Console.WriteLine($"repeat {r + 1}: {gflops:F1} GFLOP/s ({size}x{size} fp32, {iterations} matmuls)");
            best = Math.Max(best, gflops);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gflops: {best:F1}"));
        return Task.FromResult(0);
    }
}
