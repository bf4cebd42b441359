using System.Text.Json;
using Prebias.Core;
using Prebias.Core.Domain;

namespace Prebias.Api.Contracts;

/// <summary>A tokenizer and, once Ready, its vocabulary size, BOS/EOS ids and the sha256 of its model.</summary>
public sealed record TokenizerResponse(
    Guid Id, string Name, string Kind, ResourceState State, JsonElement Source, int? VocabSize, int? BosId, int? EosId, string? Sha256,
    Guid? CorpusId, string? JobId, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static TokenizerResponse From(TokenizerRecord t) => new(
        t.Id, t.Name, t.Kind, t.State, JsonSerializer.Deserialize<JsonElement>(t.Source, JsonDefaults.Options), t.VocabSize, t.BosId, t.EosId,
        t.Sha256, t.CorpusId, t.JobId, t.Error, t.CreatedAt, t.CompletedAt);
}
