namespace Prebias.Core.Plots;

/// <summary>Logged losses of one run (train and val may be logged at different steps) and optionally the learning rate.</summary>
/// <param name="Train">Training loss per logged step.</param>
/// <param name="Validation">Validation loss per evaluated step.</param>
/// <param name="LearningRate">Learning rate per step, drawn on a right-hand axis; null or empty draws none.</param>
public sealed record LossPlotData(
    IReadOnlyList<StepValue> Train,
    IReadOnlyList<StepValue> Validation,
    IReadOnlyList<StepValue>? LearningRate = null);
