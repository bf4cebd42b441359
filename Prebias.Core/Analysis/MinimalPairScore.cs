namespace Prebias.Core.Analysis;

/// <summary>CrowS-Pairs style result: <see cref="Score"/> = StereotypedPreferred / Pairs (0.5 = no preference;
/// NaN with no pairs). Exact ties count in Pairs but not as preferred, and are reported in <see cref="Ties"/>.</summary>
public sealed record MinimalPairScore(int Pairs, int StereotypedPreferred, int Ties, double Score);
