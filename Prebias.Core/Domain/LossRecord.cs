namespace Prebias.Core.Domain;

/// <summary>One optimiser step of a run: loss of its last micro-batch, learning rate, gradient norm.</summary>
public sealed class LossRecord
{
    public Guid RunId { get; set; }
    public long Step { get; set; }
    public double Loss { get; set; }
    public double LearningRate { get; set; }
    public double GradNorm { get; set; }
}
