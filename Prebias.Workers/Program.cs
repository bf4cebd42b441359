using Prebias.Workers.Demo;

namespace Prebias.Workers;

/// <summary>
/// No arguments runs the Hangfire worker host; <c>demo --api URL --key-file PATH</c> drives the <c>./run.sh</c> demo
/// through the REST API. The benchmark verbs live in <c>Prebias.Bench</c>.
/// (A named class rather than top-level statements, so tests can reference both this and the API's Program.)
/// </summary>
public static class WorkerProgram
{
    public static async Task<int> Main(string[] args) => args switch
    {
        ["demo", .. var rest] => await DemoCommand.RunAsync(rest, CancellationToken.None),
        _ => await WorkerHost.RunAsync(args),
    };
}
