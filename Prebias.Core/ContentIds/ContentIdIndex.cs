using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Prebias.Core.Corpora.Mixtures;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;

namespace Prebias.Core.ContentIds;

/// <summary>
/// Keeps <c>content_ids</c> in step with the resources: every finished corpus, tokenizer, dataset, order and
/// checkpoint gets its id, computed from the hashes its job already stored (no artifact is re-read). Filling is
/// incremental and idempotent (insert … on conflict do nothing), so concurrent callers and retries are harmless;
/// the API fills before it answers an id or card request.
/// </summary>
public sealed class ContentIdIndex(PrebiasDbContext db)
{
    // Scoped per request: a card asks for several ids, one fill serves them all.
    private bool _filled;

    public async Task FillMissingAsync(CancellationToken ct)
    {
        var known = (await db.ContentIds.AsNoTracking().Select(c => new { c.Kind, c.ResourceId, c.Step, c.ContentId })
            .ToListAsync(ct)).ToDictionary(c => (c.Kind, c.ResourceId, c.Step), c => c.ContentId);
        string? Known(string kind, Guid id, long step = 0) => known.GetValueOrDefault((kind, id, step));

        async Task AddAsync(string kind, Guid id, long step, JsonObject manifest)
        {
            var (contentId, canonical) = ContentId.Of(manifest);
            known[(kind, id, step)] = contentId;
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO content_ids (kind, resource_id, step, content_id, manifest, created_at)
                VALUES ({kind}, {id}, {step}, {contentId}, {canonical}, {DateTimeOffset.UtcNow})
                ON CONFLICT DO NOTHING
                """, ct);
        }

        // Parents before children: each manifest names its parents' ids.
        // In completion order, so a mixture's parts have their ids before the mixture names them.
        var corpora = await db.Corpora.AsNoTracking().Where(c => c.Sha256 != null && c.DocumentCount != null)
            .OrderBy(c => c.CompletedAt).ThenBy(c => c.Id).ToListAsync(ct);
        foreach (var corpus in corpora.Where(c => Known(ContentKind.Corpus, c.Id) is null))
        {
            if (MixtureSource.Of(corpus) is not { } mixture)
            {
                await AddAsync(ContentKind.Corpus, corpus.Id, 0, ContentManifests.Corpus(corpus));
                continue;
            }
            var partIds = mixture.Parts.Select(p => Known(ContentKind.Corpus, p.CorpusId)).ToList();
            if (partIds.Any(p => p is null)) continue; // a part is gone or unfinished
            await AddAsync(ContentKind.Corpus, corpus.Id, 0, ContentManifests.MixtureCorpus(corpus, partIds!,
                [.. mixture.Parts.Select(p => p.Weight)], mixture.Size, mixture.Seed));
        }

        var tokenizers = await db.Tokenizers.AsNoTracking().Where(t => t.Sha256 != null && t.VocabSize != null)
            .ToListAsync(ct);
        foreach (var tokenizer in tokenizers.Where(t => Known(ContentKind.Tokenizer, t.Id) is null))
        {
            var corpusId = tokenizer.CorpusId is { } c ? Known(ContentKind.Corpus, c) : null;
            if (tokenizer.CorpusId is not null && corpusId is null) continue; // its corpus is gone or unfinished
            await AddAsync(ContentKind.Tokenizer, tokenizer.Id, 0, ContentManifests.Tokenizer(tokenizer, corpusId));
        }

        var datasets = await db.Datasets.AsNoTracking().Where(d => d.TokenStoreSha256 != null).ToListAsync(ct);
        foreach (var dataset in datasets.Where(d => Known(ContentKind.Dataset, d.Id) is null))
        {
            if (Known(ContentKind.Corpus, dataset.CorpusId) is not { } corpusId ||
                Known(ContentKind.Tokenizer, dataset.TokenizerId) is not { } tokenizerId) continue;
            await AddAsync(ContentKind.Dataset, dataset.Id, 0,
                ContentManifests.Dataset(dataset, corpusId, tokenizerId));
        }

        var runs = await db.Runs.AsNoTracking().Where(r => r.OrderSha256 != null).ToListAsync(ct);
        foreach (var run in runs.Where(r => Known(ContentKind.Order, r.Id) is null))
        {
            if (Known(ContentKind.Dataset, run.DatasetId) is not { } datasetId) continue;
            await AddAsync(ContentKind.Order, run.Id, 0, ContentManifests.Order(run, datasetId));
        }

        var runsById = runs.ToDictionary(r => r.Id);
        var checkpoints = await db.Checkpoints.AsNoTracking().ToListAsync(ct);
        foreach (var checkpoint in checkpoints.Where(c => Known(ContentKind.Checkpoint, c.RunId, c.Step) is null))
        {
            if (!runsById.TryGetValue(checkpoint.RunId, out var run) ||
                Known(ContentKind.Order, run.Id) is not { } orderId) continue;
            await AddAsync(ContentKind.Checkpoint, run.Id, checkpoint.Step,
                ContentManifests.Checkpoint(checkpoint, run, orderId));
        }
    }

    private async Task FillOnceAsync(CancellationToken ct)
    {
        if (_filled) return;
        await FillMissingAsync(ct);
        _filled = true;
    }

    /// <summary>The id of one resource (step only for checkpoints), or null while it is unfinished.</summary>
    public async Task<string?> IdOfAsync(string kind, Guid resourceId, long step, CancellationToken ct)
    {
        await FillOnceAsync(ct);
        return await db.ContentIds.AsNoTracking()
            .Where(c => c.Kind == kind && c.ResourceId == resourceId && c.Step == step)
            .Select(c => c.ContentId).SingleOrDefaultAsync(ct);
    }

    /// <summary>Every live resource with this id (rows of deleted resources are dropped on the way).</summary>
    public async Task<IReadOnlyList<ContentIdRecord>> ResolveAsync(string contentId, CancellationToken ct)
    {
        await FillOnceAsync(ct);
        var rows = await db.ContentIds.AsNoTracking().Where(c => c.ContentId == contentId)
            .OrderBy(c => c.CreatedAt).ToListAsync(ct);
        var live = new List<ContentIdRecord>(rows.Count);
        foreach (var row in rows)
        {
            if (await ExistsAsync(row, ct)) live.Add(row);
            else
                await db.ContentIds
                    .Where(c => c.Kind == row.Kind && c.ResourceId == row.ResourceId && c.Step == row.Step)
                    .ExecuteDeleteAsync(ct);
        }
        return live;
    }

    private Task<bool> ExistsAsync(ContentIdRecord row, CancellationToken ct) => row.Kind switch
    {
        ContentKind.Corpus => db.Corpora.AnyAsync(c => c.Id == row.ResourceId, ct),
        ContentKind.Tokenizer => db.Tokenizers.AnyAsync(t => t.Id == row.ResourceId, ct),
        ContentKind.Dataset => db.Datasets.AnyAsync(d => d.Id == row.ResourceId, ct),
        ContentKind.Order => db.Runs.AnyAsync(r => r.Id == row.ResourceId, ct),
        _ => db.Checkpoints.AnyAsync(c => c.RunId == row.ResourceId && c.Step == row.Step, ct),
    };
}
