using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prebias.Core.Jobs;
using Prebias.Core.Persistence;
using Prebias.Core.Torch;
using TorchSharp;

namespace Prebias.Core.Diagnostics;

/// <summary>
/// The proof job: loads TorchSharp in a worker, times a matmul loop and stores what it found.
/// Reentrant: a retry simply measures again and overwrites the same row.
/// </summary>
public sealed class TorchDiagnosticJob(PrebiasDbContext db, JobProgress progress, IOptions<TorchOptions> torchOptions)
{
    [Queue(JobQueues.Gpu)]
    [AutomaticRetry(Attempts = 1)]
    public async Task RunAsync(Guid diagnosticId, CancellationToken ct)
    {
        var diagnostic = await db.TorchDiagnostics.SingleAsync(d => d.Id == diagnosticId, ct);
        progress.Report(0.1, "loading torch");
        var device = TorchRuntime.Initialize(torchOptions.Value);

        progress.Report(0.3, $"timing {diagnostic.MatrixSize}² fp32 matmul on {device}");
        var gflops = MatmulBenchmark.MeasureGflops(device, diagnostic.MatrixSize, diagnostic.Iterations, ct);

        diagnostic.Device = device.ToString();
        diagnostic.TorchSharpVersion = TorchRuntime.TorchSharpVersion;
        diagnostic.LibTorchVersion = TorchRuntime.LibTorchVersion;
        diagnostic.Threads = torch.get_num_threads();
        diagnostic.Gflops = Math.Round(gflops, 2);
        diagnostic.Worker = Environment.MachineName;
        diagnostic.CompletedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        progress.Report(1, $"{gflops:F1} GFLOP/s");
    }
}
