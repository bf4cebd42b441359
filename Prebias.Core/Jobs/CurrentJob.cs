namespace Prebias.Core.Jobs;

/// <summary>
/// The Hangfire job id of the code running now. Set by <c>Lifecycle.JobStateFilter</c> just before a job method runs
/// (same thread, same execution context), so shared services such as <see cref="JobProgress"/> need no job-id
/// argument threaded through every call.
/// </summary>
public static class CurrentJob
{
    private static readonly AsyncLocal<string?> Value = new();

    public static string? Id
    {
        get => Value.Value;
        internal set => Value.Value = value;
    }
}
