namespace Prebias.Api.Contracts;

/// <summary>A bias probe score at a checkpoint.</summary>
/// <param name="Step">Checkpoint step.</param>
/// <param name="Probe">she_he, her_his (pronoun probes) or minimal_pairs.</param>
/// <param name="Subject">An occupation, or a summary: _mean (mean over occupations), _stereotype_lean (how much
/// the score follows the occupation's stereotype) or _all (share of minimal pairs where the stereotyped sentence
/// wins).</param>
/// <param name="Score">Pronoun probes: log P(feminine) − log P(masculine), baseline-adjusted; minimal pairs: a share
/// in [0, 1] where 0.5 means no preference.</param>
public sealed record BiasScoreResponse(long Step, string Probe, string Subject, double Score);
