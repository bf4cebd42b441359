namespace Prebias.Core.Ordering;

/// <summary>
/// One decision of a <c>dynamic</c> ordering: at <see cref="Step"/> the window of order positions
/// [<see cref="WindowStart"/>, WindowStart + <see cref="WindowLength"/>) was drawn from <see cref="Candidates"/>
/// samples with the weights summarised here. Stored next to the order file (<see cref="OrderRefreshFile"/>).
/// </summary>
public sealed record OrderRefresh
{
    /// <summary>0-based refresh number; also the random stream of its pool and its draw.</summary>
    public int Refresh { get; init; }
    /// <summary>The optimiser step the window starts at (a multiple of refreshInterval).</summary>
    public long Step { get; init; }
    public long WindowStart { get; init; }
    public int WindowLength { get; init; }
    public required string Policy { get; init; }
    /// <summary>Samples the window was drawn from: the scored pool (loss) or every eligible train sample
    /// (target).</summary>
    public int Candidates { get; init; }
    /// <summary>Entropy of the weights in nats; ln(candidates) when uniform.</summary>
    public double Entropy { get; init; }
    /// <summary>Entropy / ln(candidates), in [0, 1].</summary>
    public double NormalizedEntropy { get; init; }
    /// <summary>Kish's effective sample size 1/Σp².</summary>
    public double EffectiveSampleSize { get; init; }
    public double MinWeight { get; init; }
    public double MaxWeight { get; init; }
    /// <summary>The ordering's metric, when it has one (target: the steered metric).</summary>
    public string? Metric { get; init; }
    /// <summary>Unweighted mean of the metric over the candidates.</summary>
    public double? CandidateMetricMean { get; init; }
    /// <summary>Expected metric of a drawn sample, Σ p·metric.</summary>
    public double? WeightedMetricMean { get; init; }
    /// <summary>Mean metric of the samples actually drawn into the window.</summary>
    public double? WindowMetricMean { get; init; }
    /// <summary>Target policy: the mean metric of the model's generations at this step, and sign(target −
    /// output).</summary>
    public double? Output { get; init; }
    public int? Direction { get; init; }
    /// <summary>Loss policy: mean per-sample loss of the pool under the model at this step.</summary>
    public double? PoolMeanLoss { get; init; }
    /// <summary>Wall time the refresh took (scoring, generation, drawing); not part of the replayed decision.</summary>
    public double Seconds { get; init; }
}
