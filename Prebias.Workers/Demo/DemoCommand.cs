
namespace Prebias.Workers.Demo;

/// <summary>
/// <c>demo --api URL --key-file PATH [--api-pid PID] [--ledger PATH]</c>: the <c>./run.sh</c> demo, driven through the
/// public REST API only. The key comes from a file or <c>PREBIAS_API_KEY</c>, never the command line (which every
/// local user can read in <c>ps</c>). With <c>--ledger</c> a second run reuses the first run's resources.
/// Each stage prints what it produced; the process exits non-zero if any stage fails.
/// </summary>
public static class DemoCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var a = new CommandArgs(args);
        var key = a.Get("key-file") is { } keyFile ? File.ReadAllText(keyFile).Trim()
            : Environment.GetEnvironmentVariable("PREBIAS_API_KEY") ?? throw new ArgumentException("--key-file or PREBIAS_API_KEY is required");
        using var client = PrebiasClient.Create(a.Require("api"), key, a.Get("ledger"));
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
