using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;

namespace Prebias.Api.Swagger;

/// <summary>
/// The newest ready resources on this server, so that the request examples in Swagger name ids that exist and
/// "Try it out" succeeds after the previous step. Each lookup is null when there is none yet.
/// </summary>
public sealed class ExampleResources(PrebiasDbContext db)
{
    public Guid? Corpus() => Newest(db.Corpora.Where(c => c.State == ResourceState.Ready)
        .OrderByDescending(c => c.CreatedAt).Select(c => c.Id));

    /// <summary>The newest ready corpora, at most <paramref name="count"/>, newest first.</summary>
    public IReadOnlyList<Guid> Corpora(int count) => [.. db.Corpora.Where(c => c.State == ResourceState.Ready)
        .OrderByDescending(c => c.CreatedAt).Select(c => c.Id).Take(count)];

    public Guid? Tokenizer() => Newest(db.Tokenizers.Where(t => t.State == ResourceState.Ready)
        .OrderByDescending(t => t.CreatedAt).Select(t => t.Id));

    public Guid? Dataset() => Newest(db.Datasets.Where(d => d.State == ResourceState.Ready)
        .OrderByDescending(d => d.CreatedAt).Select(d => d.Id));

    /// <summary>The newest run with a checkpoint, and its checkpoint steps in order.</summary>
    public (Guid Run, IReadOnlyList<long> Steps)? RunWithCheckpoints()
    {
        var run = Newest(db.Runs.Where(r => db.Checkpoints.Any(c => c.RunId == r.Id))
            .OrderByDescending(r => r.CreatedAt).Select(r => r.Id));
        if (run is not { } id) return null;
        return (id, db.Checkpoints.Where(c => c.RunId == id).OrderBy(c => c.Step).Select(c => c.Step).ToList());
    }

    /// <summary>The dataset a run trained on, null when there is no such run.</summary>
    public Guid? DatasetOf(Guid runId) => Newest(db.Runs.Where(r => r.Id == runId).Select(r => r.DatasetId));

    private static Guid? Newest(IQueryable<Guid> ids) => ids.Select(id => (Guid?)id).FirstOrDefault();
}
