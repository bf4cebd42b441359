namespace Prebias.Core.Domain;

/// <summary>States of a training run.</summary>
public static class RunStates
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Cancelled = "Cancelled";

    public static bool IsFinal(string state) => state is Succeeded or Failed or Cancelled;
}
