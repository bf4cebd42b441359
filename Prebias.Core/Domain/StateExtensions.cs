namespace Prebias.Core.Domain;

/// <summary>Which states are final: nothing will change a resource in one of them again except a purge.</summary>
public static class StateExtensions
{
    public static bool IsFinal(this RunState state) =>
        state is RunState.Succeeded or RunState.Failed or RunState.Cancelled;

    public static bool IsFinal(this ResourceState state) =>
        state is ResourceState.Ready or ResourceState.Failed or ResourceState.Cancelled;
}
