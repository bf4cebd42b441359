namespace Prebias.Core.Jobs;

/// <summary>
/// What a launcher answers to a request that starts work: the job it enqueued, or why it enqueued nothing. The API
/// maps each case to one HTTP answer (202, 400 naming the fields, 404, 409), so no handler decides anything itself.
/// </summary>
public abstract record LaunchResult
{
    /// <summary>
    /// The resource <paramref name="Id"/> is being produced by job <paramref name="JobId"/>;
    /// poll <paramref name="Location"/>.
    /// </summary>
    public sealed record Accepted(string Id, string JobId, string Location) : LaunchResult;

    /// <summary>
    /// The request itself is wrong: messages keyed by the JSON path of the field (<c>training.maxIters</c>).
    /// </summary>
    public sealed record Invalid(IDictionary<string, string[]> Errors) : LaunchResult;

    /// <summary>A resource named in the route does not exist.</summary>
    public sealed record Missing(string Title, string Detail) : LaunchResult;

    /// <summary>
    /// The resource exists but is not in a state that allows the request (no checkpoint yet, failed).
    /// </summary>
    public sealed record Conflict(string Title, string Detail) : LaunchResult;

    public static Invalid Field(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}
