using Prebias.Workers.Benchmarks;

namespace Prebias.Workers.Demo;

/// <summary>
/// <c>demo --api URL --key KEY [--api-pid PID]</c>: the <c>./run.sh</c> demo, driven through the public REST API only.
/// Each stage prints what it produced; the process exits non-zero if any stage fails.
/// </summary>
public static class DemoCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var a = new BenchArgs(args);
        using var client = PrebiasClient.Create(a.Require("api"), a.Require("key"));
        try
        {
            Console.WriteLine("Waiting for the API ...");
            await client.WaitUntilReadyAsync(a.Get("api-pid") is { } pid ? int.Parse(pid) : null, TimeSpan.FromMinutes(3), ct);
            var demo = new DemoContext();
            await TorchStage.RunAsync(client, ct);
            await DataStage.RunAsync(client, demo, ct);
            await TrainingStage.RunAsync(client, demo, ct);
            await EvaluationStage.RunAsync(client, demo, ct);
            Console.WriteLine("Demo succeeded.");
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            Console.Error.WriteLine($"Demo failed: {ex.Message}");
            return 1;
        }
    }
}
