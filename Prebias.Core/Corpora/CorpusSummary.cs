namespace Prebias.Core.Corpora;

/// <summary>
/// What <see cref="CorpusWriter.Complete"/> produced: the document count, the size in bytes of
/// <c>documents.jsonl</c> and its lowercase hex SHA-256 (computed while writing, so it identifies the corpus content).
/// </summary>
public sealed record CorpusSummary(int DocumentCount, long Bytes, string Sha256);
