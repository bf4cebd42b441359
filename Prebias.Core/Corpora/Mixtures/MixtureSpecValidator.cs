using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;

namespace Prebias.Core.Corpora.Mixtures;

/// <summary>
/// Checks the <c>source</c> of a mixture request, each error keyed by the field that caused it
/// (<c>source.parts[1].weight</c>), so a client can point at the part to fix.
/// </summary>
public static class MixtureSpecValidator
{
    /// <summary>Most corpora one mixture may combine, and most documents it may hold.</summary>
    public const int MaxParts = 64, MaxSize = 50_000_000;

    /// <summary>What the request says on its own: parts listed once each, positive finite weights, a size in
    /// range.</summary>
    public static void Validate(CorpusSourceSpec source, Dictionary<string, string[]> errors)
    {
        if (source.Size is not (>= 1 and <= MaxSize))
            errors["source.size"] = [$"A mixture needs a size from 1 to {MaxSize:N0} documents."];
        if (source.Parts is not { Length: > 0 } parts)
        {
            errors["source.parts"] = ["A mixture needs at least one { corpusId, weight }."];
            return;
        }
        if (parts.Length > MaxParts)
        {
            errors["source.parts"] = [$"A mixture combines at most {MaxParts} corpora."];
            return;
        }
        var seen = new HashSet<Guid>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] is null)
            {
                errors[$"source.parts[{i}]"] = ["Each part is { corpusId, weight }."];
                continue;
            }
            if (parts[i].CorpusId == Guid.Empty) errors[$"source.parts[{i}].corpusId"] = ["corpusId is required."];
            else if (!seen.Add(parts[i].CorpusId))
                errors[$"source.parts[{i}].corpusId"] = ["Each corpus may appear once in a mixture."];
            if (!double.IsFinite(parts[i].Weight) || parts[i].Weight <= 0)
                errors[$"source.parts[{i}].weight"] = ["weight must be a positive finite number."];
        }
    }

    /// <summary>What needs the database: every part names a corpus that exists and is Ready (its documents are
    /// final), checked before the job is queued so the answer is a 400 rather than a failed job.</summary>
    public static async Task<Dictionary<string, string[]>> CheckPartsAsync(CorpusSourceSpec source,
        PrebiasDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var parts = source.Parts ?? [];
        var ids = parts.Select(p => p.CorpusId).ToList();
        var states = await db.Corpora.AsNoTracking().Where(c => ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.State, ct);
        for (var i = 0; i < parts.Length; i++)
        {
            var id = parts[i].CorpusId;
            if (!states.TryGetValue(id, out var state))
                errors[$"source.parts[{i}].corpusId"] = [$"No corpus '{id}'."];
            else if (state != ResourceState.Ready)
                errors[$"source.parts[{i}].corpusId"] =
                    [$"Corpus {id} is {state}; a mixture takes Ready corpora only."];
        }
        return errors;
    }
}
