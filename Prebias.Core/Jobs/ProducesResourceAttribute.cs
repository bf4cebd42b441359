namespace Prebias.Core.Jobs;

/// <summary>
/// Marks a job class with the kind of resource its first <see cref="Guid"/> argument names. With
/// <see cref="OwnsState"/> (the default) the job produces that resource: when the job ends Failed or Deleted, the job
/// state filter marks the resource Failed or Cancelled, so the job itself only throws. Without it (evaluations,
/// metrics) the job merely works on the resource: it is cancelled with it, but its failure leaves the resource as is.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProducesResourceAttribute(string kind) : Attribute
{
    public string Kind { get; } = kind;
    public bool OwnsState { get; init; } = true;
}
