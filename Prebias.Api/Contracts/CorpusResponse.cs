using System.Text.Json;
using Prebias.Core;
using Prebias.Core.Domain;

namespace Prebias.Api.Contracts;

/// <summary>A corpus: its source, state and, once Ready, document count, bytes and sha256 of the stored documents.</summary>
public sealed record CorpusResponse(
    Guid Id, string Name, ResourceState State, JsonElement Source, int? DocumentCount, long? Bytes, string? Sha256,
    int SkippedDocuments, JsonElement? SkipReport, string? JobId, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static CorpusResponse From(CorpusRecord c) => new(
        c.Id, c.Name, c.State, JsonSerializer.Deserialize<JsonElement>(c.Source, JsonDefaults.Options), c.DocumentCount, c.Bytes, c.Sha256,
        c.SkippedDocuments, c.SkipReport is null ? null : JsonSerializer.Deserialize<JsonElement>(c.SkipReport), c.JobId, c.Error, c.CreatedAt, c.CompletedAt);
}
