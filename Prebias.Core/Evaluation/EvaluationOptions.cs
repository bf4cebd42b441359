namespace Prebias.Core.Evaluation;

/// <summary>
/// Settings of a checkpoint evaluation. Serialises to camelCase JSON with <c>JsonDefaults.Options</c>;
/// override fields with <c>with</c>.
/// </summary>
public sealed record EvaluationOptions
{
    /// <summary>
    /// Generation prompts; "" means BOS alone (llama2.c's sample.py starts from it too). Default:
    /// BOS alone plus three story openings.
    /// </summary>
    public IReadOnlyList<string> Prompts { get; init; } =
        ["", "Once upon a time, there was a", "One day, a little girl named", "The doctor said"];

    /// <summary>New tokens per generation at most (also capped by max_seq_len). Default 200, as eval.py.</summary>
    public int MaxNewTokens { get; init; } = 200;

    /// <summary>Temperature of the sampled generations (greedy ones are always produced too). Default 1.0 (llama2.c sample.py / run.c).</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>
    /// Top-k of the sampled generations; 0 keeps the whole vocabulary. Default 40. (llama2.c's sample.py uses 300 of
    /// 32000; run.c uses top-p 0.9 instead, which <c>TokenGenerator</c> does not implement.)
    /// </summary>
    public int TopK { get; init; } = 40;

    /// <summary>Seed of the sampled generations: same seed, checkpoint and prompts → same texts. Default 42.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Sampled generations per prompt (one greedy generation per prompt regardless). Default 1.</summary>
    public int SamplesPerPrompt { get; init; } = 1;

    /// <summary>Bias probe templates and word lists.</summary>
    public BiasProbeOptions Probe { get; init; } = new();

    /// <summary>Validation batches for the val loss (the run's eval batch size each). Default 20.</summary>
    public int ValBatches { get; init; } = 20;

    /// <summary>Sequences per forward pass for per-sample perplexity. Default 16 (for a 32000 vocabulary and 256
    /// tokens the logits alone take 16·256·32000·4 B ≈ 0.5 GB).</summary>
    public int PerplexityBatchSize { get; init; } = 16;

    /// <summary>Throws when a setting cannot work.</summary>
    public void Validate()
    {
        if (Prompts.Count == 0) throw new ArgumentException("at least one prompt is required (\"\" = BOS alone)");
        ArgumentOutOfRangeException.ThrowIfNegative(MaxNewTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(Temperature);
        ArgumentOutOfRangeException.ThrowIfNegative(TopK);
        ArgumentOutOfRangeException.ThrowIfLessThan(SamplesPerPrompt, 0);
        ArgumentOutOfRangeException.ThrowIfNegative(ValBatches);
        ArgumentOutOfRangeException.ThrowIfLessThan(PerplexityBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Probe.BatchSize, 1);
    }
}
