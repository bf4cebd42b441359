namespace Prebias.Core.Training;

/// <summary>Outcome of one optimiser step.</summary>
/// <param name="Iteration">The step just taken (0-based).</param>
/// <param name="LearningRate">Learning rate used for it.</param>
/// <param name="Loss">Mean micro-batch loss (before the optimiser update); null when not read.</param>
/// <param name="GradNorm">Global gradient norm before clipping; NaN when clipping is off.</param>
/// <param name="Tokens">Tokens trained on (real targets of all micro-batches, padding excluded).</param>
public sealed record StepResult(long Iteration, double LearningRate, float? Loss, double GradNorm, long Tokens);
