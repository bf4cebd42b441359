namespace Prebias.Core.Plots;

/// <summary>
/// Readable names for the summary subjects that the evaluation stores next to the occupations (their stored names
/// start with an underscore so they cannot clash with an occupation).
/// </summary>
public static class BiasSubjects
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["_mean"] = "mean over occupations",
        ["_stereotype_lean"] = "stereotype lean",
        ["_all"] = "all pairs",
    };

    public static bool IsSummary(string subject) => subject.StartsWith('_');

    public static string Label(string subject) =>
        Labels.TryGetValue(subject, out var label) ? label
        : IsSummary(subject) ? subject.TrimStart('_').Replace('_', ' ')
        : subject;
}
