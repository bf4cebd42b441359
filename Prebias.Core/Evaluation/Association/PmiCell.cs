namespace Prebias.Core.Evaluation.Association;

/// <summary>
/// One cell of a PMI table between two word sets over <see cref="Units"/> texts: how many texts hold a word of each
/// set and of both, the smoothed PMI (bits), the mean PMI under the permutation null, and the one-sided permutation
/// p-value of seeing a PMI this high by chance (<c>(1 + #null ≥ observed) / (1 + permutations)</c>).
/// </summary>
public sealed record PmiCell(string SetA, string SetB, int Units, int CountA, int CountB, int CountBoth,
    double Pmi, double NullMean, double PValue, int Permutations);
