using Prebias.Workers.Benchmarks;
using Prebias.Workers.Demo;

namespace Prebias.Workers;

/// <summary>
/// No arguments runs the Hangfire worker host; <c>bench &lt;what&gt; [options]</c> runs a benchmark;
/// <c>demo --api URL --key-file PATH</c> drives the <c>./run.sh</c> demo through the REST API.
/// (A named class rather than top-level statements, so tests can reference both this and the API's Program.)
/// </summary>
public static class WorkerProgram
{
    public static async Task<int> Main(string[] args) => args switch
    {
        ["bench", .. var rest] => await BenchCommand.RunAsync(rest, CancellationToken.None),
        ["demo", .. var rest] => await DemoCommand.RunAsync(rest, CancellationToken.None),
        _ => await WorkerHost.RunAsync(args),
    };
}
