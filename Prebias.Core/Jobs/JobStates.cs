using Hangfire.States;

namespace Prebias.Core.Jobs;

/// <summary>
/// The job states the jobs table stores and the jobs API reports: Hangfire's names, except that a continuation waiting
/// for its parent (Hangfire's "Awaiting") is <see cref="Pending"/>, the word resources use for "not started yet", so
/// one situation has one name everywhere.
/// </summary>
public static class JobStates
{
    public const string Enqueued = "Enqueued";
    public const string Scheduled = "Scheduled";
    public const string Pending = "Pending";
    public const string Processing = "Processing";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Deleted = "Deleted";

    public static readonly IReadOnlyList<string> All =
        [Enqueued, Scheduled, Pending, Processing, Succeeded, Failed, Deleted];

    /// <summary>The stored name of a Hangfire state.</summary>
    public static string Of(string hangfireState) => hangfireState == AwaitingState.StateName ? Pending : hangfireState;

    public static bool IsFinal(string state) => state is Succeeded or Failed or Deleted;
}
