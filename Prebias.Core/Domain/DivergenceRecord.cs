namespace Prebias.Core.Domain;

/// <summary>
/// How far a run has moved from the baseline run of the same seed at a checkpoint: validation-loss gap, mean KL
/// divergence of next-token distributions on a fixed probe set, and linear CKA of the token embeddings.
/// </summary>
public sealed class DivergenceRecord
{
    public Guid ExperimentId { get; set; }
    public Guid RunId { get; set; }
    public Guid BaselineRunId { get; set; }
    public long Step { get; set; }
    public double? ValLossGap { get; set; }
    public double? KlDivergence { get; set; }
    public double? EmbeddingCka { get; set; }
}
