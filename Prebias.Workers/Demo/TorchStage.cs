namespace Prebias.Workers.Demo;

/// <summary>Demo stage 0: the torch proof job runs on the gpu queue in a worker and reports GFLOP/s.</summary>
public static class TorchStage
{
    public static async Task RunAsync(PrebiasClient client, CancellationToken ct)
    {
        Console.WriteLine("== Torch proof job (gpu queue) ==");
        var (id, jobId) = await client.PostAsync("api/diagnostics/torch", new { matrixSize = 1024, iterations = 50 }, ct);
        await client.WaitForJobAsync(jobId, "torch", ct);
        var result = await client.GetAsync($"api/diagnostics/torch/{id}", ct);
        Console.WriteLine($"  device {result.GetProperty("device").GetString()}, TorchSharp {result.GetProperty("torchSharpVersion").GetString()}, " +
                          $"libtorch {result.GetProperty("libTorchVersion").GetString()}, {result.GetProperty("threads").GetInt32()} threads, " +
                          $"worker {result.GetProperty("worker").GetString()}");
        Console.WriteLine($"  matmul: {result.GetProperty("gflops").GetDouble():F1} GFLOP/s");
    }
}
