using Prebias.Core.Domain;

namespace Prebias.Core.Experiments;

/// <summary>How an experiment names its runs: "&lt;ordering label&gt;" or "baseline:&lt;ordering label&gt;".</summary>
public static class ExperimentRuns
{
    public const string BaselinePrefix = "baseline:";

    public static bool IsBaseline(RunRecord run) => run.Name?.StartsWith(BaselinePrefix, StringComparison.Ordinal) == true;

    public static string Label(RunRecord run) => run.Name ?? run.Id.ToString();
}
