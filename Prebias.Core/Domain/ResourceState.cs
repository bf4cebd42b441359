namespace Prebias.Core.Domain;

/// <summary>Lifecycle of anything a job produces: a row exists from the request on; Ready once its job succeeded.</summary>
public static class ResourceState
{
    public const string Pending = "Pending";
    public const string Ready = "Ready";
    public const string Failed = "Failed";
}
