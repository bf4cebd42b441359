using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;

namespace Prebias.Core.Lifecycle;

/// <summary>
/// A resource's row as the lifecycle needs it: its state's name (the same text for every kind of resource, as the
/// state column holds it) and the job id it names.
/// </summary>
public sealed record ResourceRow(string Kind, Guid Id, string State, string? JobId)
{
    public bool IsFinal => State is not (nameof(RunState.Pending) or nameof(RunState.Running));

    public static async Task<ResourceRow?> FindAsync(PrebiasDbContext db, string kind, Guid id, CancellationToken ct) => kind switch
    {
        ResourceKind.Corpus => await db.Corpora.AsNoTracking().Where(r => r.Id == id).Select(r => new ResourceRow(kind, r.Id, r.State.ToString(), r.JobId)).SingleOrDefaultAsync(ct),
        ResourceKind.Tokenizer => await db.Tokenizers.AsNoTracking().Where(r => r.Id == id).Select(r => new ResourceRow(kind, r.Id, r.State.ToString(), r.JobId)).SingleOrDefaultAsync(ct),
        ResourceKind.Dataset => await db.Datasets.AsNoTracking().Where(r => r.Id == id).Select(r => new ResourceRow(kind, r.Id, r.State.ToString(), r.JobId)).SingleOrDefaultAsync(ct),
        ResourceKind.Run => await db.Runs.AsNoTracking().Where(r => r.Id == id).Select(r => new ResourceRow(kind, r.Id, r.State.ToString(), r.JobId)).SingleOrDefaultAsync(ct),
        ResourceKind.Experiment => await db.Experiments.AsNoTracking().Where(r => r.Id == id).Select(r => new ResourceRow(kind, r.Id, r.State.ToString(), r.JobId)).SingleOrDefaultAsync(ct),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown resource kind."),
    };
}
