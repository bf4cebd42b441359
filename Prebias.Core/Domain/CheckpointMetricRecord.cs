namespace Prebias.Core.Domain;

/// <summary>
/// One point of a saturation curve: for a checkpoint and a metric, the mean over the samples seen since the previous
/// checkpoint (window), over all samples seen so far (cumulative), and over the checkpoint's generated text (output).
/// </summary>
public sealed class CheckpointMetricRecord
{
    public Guid RunId { get; set; }
    public long Step { get; set; }
    public required string Metric { get; set; }
    public double? InputWindow { get; set; }
    public double? InputCumulative { get; set; }
    public double? Output { get; set; }
}
