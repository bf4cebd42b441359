namespace Prebias.Core.Evaluation;

/// <summary>One prompt's greedy continuation: the text, its ids (prompt excluded) and the decoder's speed.</summary>
public sealed record PromptContinuation(string Prompt, string Text, IReadOnlyList<int> Ids, double TokensPerSecond);
