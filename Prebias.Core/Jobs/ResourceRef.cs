using Hangfire.Common;

namespace Prebias.Core.Jobs;

/// <summary>
/// A typed reference from a job to the resource it works on: the kind from the job class's
/// <see cref="ProducesResourceAttribute"/>, the id from its first <see cref="Guid"/> argument (jobs take ids).
/// <see cref="OwnsState"/>: the job produces the resource, so its end decides the resource's state.
/// </summary>
public readonly record struct ResourceRef(string Kind, Guid Id, bool OwnsState)
{
    public static ResourceRef? Of(Job? job)
    {
        if (job?.Type.GetCustomAttributes(typeof(ProducesResourceAttribute), inherit: false) is not [ProducesResourceAttribute produces, ..]) return null;
        return job.Args.OfType<Guid>().Select(id => (Guid?)id).FirstOrDefault() is { } resourceId
            ? new ResourceRef(produces.Kind, resourceId, produces.OwnsState) : null;
    }
}
