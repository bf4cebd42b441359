namespace Prebias.Core.Domain;

/// <summary>Lifecycle of anything a job produces: a row exists from the request on; Ready once its job succeeded.</summary>
public static class ResourceState
{
    public const string Pending = "Pending";
    public const string Ready = "Ready";
    public const string Failed = "Failed";

    /// <summary>Its job was cancelled (DELETE) before it finished.</summary>
    public const string Cancelled = "Cancelled";

    public static bool IsFinal(string state) => state is Ready or Failed or Cancelled;
}
