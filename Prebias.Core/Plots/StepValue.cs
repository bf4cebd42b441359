namespace Prebias.Core.Plots;

/// <summary>One (training step, value) point, e.g. a logged loss or learning rate.</summary>
public readonly record struct StepValue(double Step, double Value);
