namespace Prebias.Core.Analysis;

/// <summary>Total log-likelihoods (sum of token log-probs, nats) of the two sentences of a minimal pair that differ
/// only in gender, e.g. "The nurse said she ..." (stereotyped) vs "The nurse said he ..." (anti-stereotyped).</summary>
public sealed record MinimalPair(string Id, double StereotypedLogLikelihood, double AntiStereotypedLogLikelihood);
