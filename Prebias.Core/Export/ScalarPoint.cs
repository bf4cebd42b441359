namespace Prebias.Core.Export;

/// <summary>
/// One value of a run's time series: a TensorBoard tag (<c>loss/train</c>, <c>eval/val_loss</c>...) at a step.
/// </summary>
public sealed record ScalarPoint(string Tag, long Step, double Value, DateTimeOffset? Time = null);
