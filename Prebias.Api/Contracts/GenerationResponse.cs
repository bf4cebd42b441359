namespace Prebias.Api.Contracts;

/// <summary>A text a checkpoint generated from an evaluation prompt.</summary>
/// <param name="Prompt">The prompt (after BOS).</param>
/// <param name="Mode">greedy or sampled.</param>
/// <param name="Text">The continuation.</param>
/// <param name="TokenCount">Tokens generated.</param>
public sealed record GenerationResponse(string Prompt, string Mode, string Text, int TokenCount);
