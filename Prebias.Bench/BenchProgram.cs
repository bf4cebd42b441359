namespace Prebias.Bench;

/// <summary>
/// <c>dotnet run -c Release --project Prebias.Bench -- &lt;verb&gt; [options]</c>; a leading <c>bench</c> is accepted
/// too, so the command lines written for the worker's former <c>bench</c> verb keep working.
/// </summary>
public static class BenchProgram
{
    public static Task<int> Main(string[] args) =>
        BenchCommand.RunAsync(args is ["bench", .. var rest] ? rest : args, CancellationToken.None);
}
