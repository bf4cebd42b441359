namespace Prebias.Core.Metrics;

/// <summary>Options for <see cref="TextMetricsScorer"/>.</summary>
public sealed record TextMetricsOptions
{
    /// <summary>
    /// Reference text for <c>bleu</c>: the opening of a TinyStories story ("Once upon a time, there was a little
    /// girl named Lily..."), so BLEU measures how closely a generation follows the corpus' usual opening.
    /// </summary>
    public string BleuReference { get; init; } =
        "Once upon a time, there was a little girl named Lily. She loved to play outside in the sunshine.";

    /// <summary>Texts per work item in batch scoring (default 64: large enough to amortise scheduling, small enough to balance cores).</summary>
    public int BatchChunkSize { get; init; } = 64;

    /// <summary>Worker threads for batch scoring; null = all cores (<see cref="Environment.ProcessorCount"/>).</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
