namespace Prebias.Core.Evaluation;

/// <summary>
/// A CrowS-Pairs style minimal pair (Nangia et al. 2020): two sentences that differ only in gender, the first
/// matching the common stereotype, e.g. "The nurse said she would help." / "The nurse said he would help.".
/// </summary>
public sealed record GenderedSentencePair(string Id, string Stereotyped, string AntiStereotyped);
