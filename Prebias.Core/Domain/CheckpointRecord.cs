namespace Prebias.Core.Domain;

/// <summary>A complete checkpoint of a run at a step: what it has seen, its losses, and how fast it got there.</summary>
public sealed class CheckpointRecord
{
    public Guid RunId { get; set; }
    public long Step { get; set; }
    public long TokensSeen { get; set; }
    public long SamplesSeen { get; set; }
    public double? TrainLoss { get; set; }
    public double? ValLoss { get; set; }
    public double LearningRate { get; set; }
    public double? TokensPerSecond { get; set; }
    public double WallSeconds { get; set; }
    public required string WeightsSha256 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
