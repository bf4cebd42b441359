using Prebias.Core.Domain;

namespace Prebias.Api.Apis;

/// <summary>
/// Figure titles that say what is shown and of which run or experiment, so a saved image stands alone.
/// </summary>
public static class PlotTitles
{
    public static string Of(RunRecord run) => Named(run.Name, "run", run.Id);

    public static string Of(ExperimentRecord experiment) => Named(experiment.Name, "experiment", experiment.Id);

    public static string Of(RunRecord run, long step) => $"{Of(run)}, step {step}";

    private static string Named(string? name, string kind, Guid id) =>
        string.IsNullOrWhiteSpace(name) ? $"{kind} {id.ToString()[..8]}" : name.Trim();
}
