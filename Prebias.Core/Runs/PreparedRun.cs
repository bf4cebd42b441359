using Prebias.Core.Domain;

namespace Prebias.Core.Runs;

/// <summary>
/// A run request checked against its dataset and resolved into a row that is not saved yet, with the job it must
/// wait for (the dataset's, while that is still being built); or the request's errors keyed by field path.
/// </summary>
public sealed record PreparedRun(RunRecord? Run, string? ParentJobId, Dictionary<string, string[]> Errors)
{
    public static PreparedRun Invalid(Dictionary<string, string[]> errors) => new(null, null, errors);

    public static PreparedRun Invalid(string field, string message) => Invalid(new() { [field] = [message] });
}
