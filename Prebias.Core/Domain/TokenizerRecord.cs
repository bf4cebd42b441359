namespace Prebias.Core.Domain;

/// <summary>A tokenizer: a SentencePiece model (given or trained on a corpus) or GPT-2's encoding.</summary>
public sealed class TokenizerRecord
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary><c>sentencepiece</c>, <c>gpt2</c> or <c>train</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The request (path, url, corpus and vocabulary size...), as JSON (jsonb).</summary>
    public required string Source { get; set; }

    public ResourceState State { get; set; } = ResourceState.Pending;
    public string? JobId { get; set; }
    public string? Error { get; set; }
    public int? VocabSize { get; set; }
    public int? BosId { get; set; }
    public int? EosId { get; set; }

    /// <summary>SHA-256 of the model file (SentencePiece) or of the encoding name (GPT-2).</summary>
    public string? Sha256 { get; set; }
    public Guid? CorpusId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public string ArtifactKey => $"tokenizers/{Id:N}";
    public string ModelKey => $"{ArtifactKey}/tokenizer.model";
}
