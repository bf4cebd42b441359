namespace Prebias.Core.Modeling;

/// <summary>Decoding settings for <see cref="TokenGenerator"/>.</summary>
public sealed record GenerationOptions
{
    /// <summary>New tokens per prompt at most (also capped by max_seq_len). Default 200, as eval.py.</summary>
    public int MaxNewTokens { get; init; } = 200;

    /// <summary>Softmax temperature; 0 means greedy (argmax), as llama2.c's sample.py / run.c. Default 0.</summary>
    public double Temperature { get; init; }

    /// <summary>Keep only the k most likely tokens before sampling; 0 keeps all. Ignored when greedy. Default 0.</summary>
    public int TopK { get; init; }

    /// <summary>Seed of the sampling generator (same seed, model and prompts → same text). Default 42.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Token that ends a sequence (excluded from the output); null never stops early.</summary>
    public int? EosId { get; init; }
}
