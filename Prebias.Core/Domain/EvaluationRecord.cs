namespace Prebias.Core.Domain;

/// <summary>The evaluation of one checkpoint: validation loss and perplexity, PCA variance; details in child rows.</summary>
public sealed class EvaluationRecord
{
    public Guid RunId { get; set; }
    public long Step { get; set; }
    public double? ValLoss { get; set; }
    public double? ValPerplexity { get; set; }
    public double? ExplainedVariance1 { get; set; }
    public double? ExplainedVariance2 { get; set; }
    public double Seconds { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
