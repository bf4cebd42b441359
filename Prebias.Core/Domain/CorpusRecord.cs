namespace Prebias.Core.Domain;

/// <summary>A named set of documents from one source; the documents live in the artifact store under <see cref="ArtifactKey"/>.</summary>
public sealed class CorpusRecord
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary><c>tinystories</c>, <c>file</c>, <c>url</c> or <c>synthetic</c>.</summary>
    public required string SourceKind { get; set; }

    /// <summary>The request's source object, as JSON (jsonb).</summary>
    public required string Source { get; set; }

    public ResourceState State { get; set; } = ResourceState.Pending;
    public string? JobId { get; set; }
    public string? Error { get; set; }
    public int? DocumentCount { get; set; }
    public long? Bytes { get; set; }
    public string? Sha256 { get; set; }

    /// <summary>Bad documents skipped under the Skip policy: count per reason and the first examples (JSON).</summary>
    public int SkippedDocuments { get; set; }
    public string? SkipReport { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public string ArtifactKey => $"corpora/{Id:N}";
}
