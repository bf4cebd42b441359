namespace Prebias.Core.Export;

/// <summary>
/// What the export needs of a run's tokenizer: its SentencePiece model file (null for GPT-2) and special ids.
/// </summary>
public sealed record HfTokenizerFiles(string? SentencePieceModelPath, int? BosId, int? EosId);
