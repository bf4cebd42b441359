namespace Prebias.Core.Evaluation.Association;

/// <summary>
/// One PMI cell at one checkpoint: <see cref="Source"/> is <c>data</c> (the training samples seen since the previous
/// checkpoint) or <c>generations</c> (the checkpoint's stored generations). PMI and the null are null when there
/// are no documents, since a PMI over nothing is undefined rather than zero.
/// </summary>
public sealed record AssociationRow(long Step, string Source, string SetA, string SetB, int CountA, int CountB,
    int CountAB, int Documents, double? Pmi, double? NullMean, double? NullP);
