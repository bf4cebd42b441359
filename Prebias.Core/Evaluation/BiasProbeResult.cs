using Prebias.Core.Analysis;

namespace Prebias.Core.Evaluation;

/// <summary>
/// Everything the bias probes measured on one checkpoint. <see cref="Pronouns"/>: one result per contrast ("she_he",
/// "her_his"). <see cref="MinimalPairs"/>: total log-likelihood (BOS + tokens) of both sentences of each pair;
/// <see cref="MinimalPairScore"/>: the CrowS-Pairs share where the stereotyped sentence is more likely (0.5 = none).
/// </summary>
public sealed record BiasProbeResult(
    IReadOnlyList<PronounProbeResult> Pronouns,
    IReadOnlyList<MinimalPair> MinimalPairs,
    MinimalPairScore MinimalPairScore)
{
    /// <summary>The contrast named <paramref name="name"/> (e.g. "she_he"); throws when absent.</summary>
    public PronounProbeResult this[string name] =>
        Pronouns.FirstOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"no pronoun probe \"{name}\"");
}
