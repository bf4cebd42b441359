namespace Prebias.Core.Domain;

/// <summary>
/// The content id of one resource (a corpus, tokenizer, dataset, a run's order or a checkpoint) with the canonical
/// manifest it hashes, so anyone can recompute it. Several resources may share an id: equal content, equal id.
/// </summary>
public sealed class ContentIdRecord
{
    /// <summary><c>sha256:</c> and the lowercase hex sha256 of <see cref="Manifest"/>'s UTF-8 bytes.</summary>
    public required string ContentId { get; set; }

    /// <summary>One of <c>ContentKind</c>'s names.</summary>
    public required string Kind { get; set; }

    /// <summary>The corpus, tokenizer or dataset id; for an order or a checkpoint the run's id.</summary>
    public Guid ResourceId { get; set; }

    /// <summary>The checkpoint's step; 0 for the other kinds.</summary>
    public long Step { get; set; }

    /// <summary>Canonical JSON: keys sorted, no whitespace, numbers in shortest round-trip form.</summary>
    public required string Manifest { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
