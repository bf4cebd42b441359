using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Prebias.Core.Diagnostics;

/// <summary>
/// Times a loop of n×n fp32 matmuls: 2·n³ flops each. Used by the proof job, <c>bench matmul</c> and as the
/// peak against which training MFU is reported.
/// </summary>
public static class MatmulBenchmark
{
    public static double MeasureGflops(Device device, int size = 1024, int iterations = 20, CancellationToken ct = default)
    {
        using var scope = NewDisposeScope();
        var a = randn(size, size, device: device);
        var b = randn(size, size, device: device);
        for (var i = 0; i < 3; i++) a.matmul(b).Dispose(); // warm-up: thread pool, caches, cuBLAS handles
        Synchronize(device);

        var sw = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            ct.ThrowIfCancellationRequested();
            a.matmul(b).Dispose();
        }
        Synchronize(device);
        var seconds = sw.Elapsed.TotalSeconds;
        return 2.0 * size * size * size * iterations / seconds / 1e9;
    }

    private static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize();
    }
}
