using System.Text.Json.Serialization;

namespace Prebias.Core.Modeling;

/// <summary>
/// Hyper-parameters of the Llama 2 architecture, field for field llama2.c's <c>ModelArgs</c> (model.py).
/// Serialises to camelCase JSON with the default web options. Override any field with a <c>with</c> expression:
/// <c>ModelPresets.Get("stories15m") with { Dropout = 0.1 }</c>.
/// </summary>
public sealed record ModelArgs
{
    /// <summary>Model (embedding) width. llama2.c default 4096.</summary>
    public int Dim { get; init; } = 4096;

    /// <summary>Number of transformer blocks. llama2.c default 32.</summary>
    public int NLayers { get; init; } = 32;

    /// <summary>Number of query heads. llama2.c default 32.</summary>
    public int NHeads { get; init; } = 32;

    /// <summary>Number of key/value heads (grouped-query attention); null means NHeads.</summary>
    public int? NKvHeads { get; init; }

    /// <summary>Vocabulary size; llama2.c default 32000 (the Llama 2 sentencepiece vocabulary).</summary>
    public int VocabSize { get; init; } = 32000;

    /// <summary>Feed-forward width; null derives it from Dim and MultipleOf (see <see cref="FeedForward.ComputeHiddenDim"/>).</summary>
    public int? HiddenDim { get; init; }

    /// <summary>The feed-forward width is rounded up to a multiple of this. llama2.c default 256.</summary>
    public int MultipleOf { get; init; } = 256;

    /// <summary>RMSNorm epsilon. llama2.c default 1e-5.</summary>
    public double NormEps { get; init; } = 1e-5;

    /// <summary>Context length; rotary tables are precomputed for this many positions. llama2.c default 2048.</summary>
    public int MaxSeqLen { get; init; } = 2048;

    /// <summary>Dropout probability on embeddings, attention and residuals. llama2.c default 0.0.</summary>
    public double Dropout { get; init; }

    /// <summary>Key/value heads actually used: NKvHeads, or NHeads when unset.</summary>
    [JsonIgnore]
    public int EffectiveKvHeads => NKvHeads ?? NHeads;

    /// <summary>Width of one attention head.</summary>
    [JsonIgnore]
    public int HeadDim => Dim / NHeads;

    /// <summary>Throws when the arguments cannot build a model (e.g. heads do not divide the width).</summary>
    public void Validate()
    {
        if (Dim <= 0 || NLayers <= 0 || NHeads <= 0 || VocabSize <= 0 || MaxSeqLen <= 0 || MultipleOf <= 0)
            throw new ArgumentException("dim, nLayers, nHeads, vocabSize, maxSeqLen and multipleOf must be positive.");
        if (Dim % NHeads != 0)
            throw new ArgumentException($"dim {Dim} is not divisible by nHeads {NHeads}.");
        if (HeadDim % 2 != 0)
            throw new ArgumentException($"head dim {HeadDim} must be even for rotary embeddings.");
        if (EffectiveKvHeads <= 0 || NHeads % EffectiveKvHeads != 0)
            throw new ArgumentException($"nHeads {NHeads} is not a multiple of nKvHeads {EffectiveKvHeads}.");
        if (Dropout is < 0 or >= 1)
            throw new ArgumentException($"dropout {Dropout} must be in [0, 1).");
    }
}
