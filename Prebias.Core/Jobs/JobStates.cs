namespace Prebias.Core.Jobs;

/// <summary>Hangfire's state names, as the jobs API reports them.</summary>
public static class JobStates
{
    public const string Enqueued = "Enqueued";
    public const string Scheduled = "Scheduled";
    public const string Awaiting = "Awaiting";
    public const string Processing = "Processing";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Deleted = "Deleted";

    public static readonly IReadOnlyList<string> All = [Enqueued, Scheduled, Awaiting, Processing, Succeeded, Failed, Deleted];

    public static bool IsFinal(string state) => state is Succeeded or Failed or Deleted;
}
