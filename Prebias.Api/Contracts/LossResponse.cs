namespace Prebias.Api.Contracts;

/// <summary>One optimiser step of a run's loss history.</summary>
/// <param name="Step">Optimiser step.</param>
/// <param name="Loss">Training loss of the step (cross-entropy, nats).</param>
/// <param name="ValLoss">Validation loss, at checkpoint steps only (else empty).</param>
/// <param name="LearningRate">Learning rate of the step.</param>
/// <param name="GradNorm">Gradient norm before clipping.</param>
public sealed record LossResponse(long Step, double Loss, double? ValLoss, double LearningRate, double GradNorm);
