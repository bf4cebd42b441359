using System.Text.Json.Serialization;
using Prebias.Core.Modeling;

namespace Prebias.Core.Export;

/// <summary>
/// <c>config.json</c> of a Hugging Face Llama checkpoint (transformers' <c>LlamaConfig</c>), filled from
/// <see cref="ModelArgs"/> as llama2.c's <c>export.py</c> (hf_export) does. Snake-case names are the file's contract.
/// </summary>
public sealed record HfLlamaConfig
{
    [JsonPropertyName("architectures")] public string[] Architectures { get; init; } = ["LlamaForCausalLM"];
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "llama";
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; init; }
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; init; }
    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; init; }
    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; init; }
    [JsonPropertyName("num_key_value_heads")] public int NumKeyValueHeads { get; init; }
    [JsonPropertyName("head_dim")] public int HeadDim { get; init; }
    [JsonPropertyName("hidden_act")] public string HiddenAct { get; init; } = "silu";
    [JsonPropertyName("rms_norm_eps")] public double RmsNormEps { get; init; }
    [JsonPropertyName("rope_theta")] public double RopeTheta { get; init; } = RotaryEmbedding.DefaultTheta;
    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; init; }
    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; }

    /// <summary>Prebias ties the output projection to the embedding, so <c>lm_head.weight</c> is left out.</summary>
    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; init; } = true;

    [JsonPropertyName("attention_bias")] public bool AttentionBias { get; init; }
    [JsonPropertyName("mlp_bias")] public bool MlpBias { get; init; }
    [JsonPropertyName("bos_token_id")] public int? BosTokenId { get; init; }
    [JsonPropertyName("eos_token_id")] public int? EosTokenId { get; init; }
    [JsonPropertyName("torch_dtype")] public string TorchDtype { get; init; } = "float32";

    public static HfLlamaConfig From(ModelArgs args, int? bosId, int? eosId) => new()
    {
        HiddenSize = args.Dim,
        IntermediateSize = FeedForward.ComputeHiddenDim(args),
        NumHiddenLayers = args.NLayers,
        NumAttentionHeads = args.NHeads,
        NumKeyValueHeads = args.EffectiveKvHeads,
        HeadDim = args.HeadDim,
        RmsNormEps = args.NormEps,
        MaxPositionEmbeddings = args.MaxSeqLen,
        VocabSize = args.VocabSize,
        BosTokenId = bosId,
        EosTokenId = eosId,
    };
}
