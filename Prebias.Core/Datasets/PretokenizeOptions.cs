namespace Prebias.Core.Datasets;

/// <summary>Settings of <see cref="Pretokenizer"/>.</summary>
public sealed record PretokenizeOptions
{
    /// <summary>Model context length; rows hold maxSeqLen + 1 tokens (inputs plus the shifted target). Default 256 (llama2.c).</summary>
    public int MaxSeqLen { get; init; } = 256;

    /// <summary>Share of documents assigned to val. Default 0.01.</summary>
    public double ValFraction { get; init; } = 0.01;

    /// <summary>Seed of the train/val split.</summary>
    public ulong Seed { get; init; } = 1337;

    /// <summary>Worker threads; default all cores.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Documents tokenized per parallel chunk; bounds memory to one chunk of texts and ids. Default 4096.</summary>
    public int ChunkSize { get; init; } = 4096;

    /// <summary>Strip leading/trailing whitespace before encoding, as llama2.c's tinystories.py does. Default true.</summary>
    public bool TrimText { get; init; } = true;

    /// <summary>Id that starts every sample; null (default) = the tokenizer's BOS, or EOS when it has no BOS (GPT-2's &lt;|endoftext|&gt;).</summary>
    public int? StartTokenId { get; init; }

    /// <summary>
    /// End every sample with an end token, so that the final target of a story that fits is its end. Default true;
    /// false writes llama2.c's BOS + tokens rows, whose models never learn to stop.
    /// </summary>
    public bool AppendEndToken { get; init; } = true;

    /// <summary>Id that ends every sample when <see cref="AppendEndToken"/>; null (default) = the tokenizer's EOS (none when it has none).</summary>
    public int? EndTokenId { get; init; }

    /// <summary>Value of padding positions; null (default) = EOS, else 0. Padding is excluded from the loss via the stored lengths.</summary>
    public int? PadId { get; init; }
}
