namespace Prebias.Core.Evaluation;

/// <summary>
/// Asks for Σ_{j = From}^{n−1} log P(Tokens[j] | Tokens[..j]) under a model: the log-likelihood of the tail of a token
/// sequence given its head. <c>From = 1</c> with Tokens = BOS + sentence scores a whole sentence (CrowS-Pairs style).
/// </summary>
/// <param name="Tokens">The full sequence (BOS first); at most max_seq_len + 1 tokens.</param>
/// <param name="From">First scored position, in [1, Tokens.Count]; Tokens.Count scores nothing (sum 0).</param>
public sealed record LogLikelihoodRequest(IReadOnlyList<int> Tokens, int From);
