namespace Prebias.Core.Training;

/// <summary>Mean losses over <see cref="TrainingOptions.EvalIters"/> batches of each split (train.py's estimate_loss).</summary>
public sealed record EvalResult(long Iteration, float TrainLoss, float ValLoss);
