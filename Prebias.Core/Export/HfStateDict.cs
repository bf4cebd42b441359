using Prebias.Core.Modeling;
using static TorchSharp.torch;

namespace Prebias.Core.Export;

/// <summary>
/// The weights of a <see cref="Transformer"/> under Hugging Face Llama names, as llama2.c's <c>export.py</c>
/// (hf_export) maps them. llama2.c's RoPE rotates adjacent pairs (x[2i], x[2i+1]) of a head while HF's
/// <c>rotate_half</c> pairs x[i] with x[i + head_dim/2]; permuting the output rows of wq and wk per head
/// (<see cref="PermuteRotaryRows"/>) makes HF's rotation compute the same attention scores.
/// </summary>
public static class HfStateDict
{
    public static IReadOnlyList<NamedTensor> From(Transformer model)
    {
        var args = model.Args;
        var weights = model.named_parameters().ToDictionary(np => np.name, np => (Tensor)np.parameter);
        NamedTensor Plain(string hfName, string name) => ToNamed(hfName, weights[name]);
        var tensors = new List<NamedTensor>
        {
            Plain("model.embed_tokens.weight", "tok_embeddings.weight"),
        };
        for (var i = 0; i < args.NLayers; i++)
        {
            var (hf, l2c) = ($"model.layers.{i}", $"layers.{i}");
            tensors.Add(Plain($"{hf}.input_layernorm.weight", $"{l2c}.attention_norm.weight"));
            tensors.Add(PermuteRotaryRows(Plain($"{hf}.self_attn.q_proj.weight", $"{l2c}.attention.wq.weight"),
                args.NHeads));
            tensors.Add(PermuteRotaryRows(Plain($"{hf}.self_attn.k_proj.weight", $"{l2c}.attention.wk.weight"),
                args.EffectiveKvHeads));
            tensors.Add(Plain($"{hf}.self_attn.v_proj.weight", $"{l2c}.attention.wv.weight"));
            tensors.Add(Plain($"{hf}.self_attn.o_proj.weight", $"{l2c}.attention.wo.weight"));
            tensors.Add(Plain($"{hf}.post_attention_layernorm.weight", $"{l2c}.ffn_norm.weight"));
            tensors.Add(Plain($"{hf}.mlp.gate_proj.weight", $"{l2c}.feed_forward.w1.weight"));
            tensors.Add(Plain($"{hf}.mlp.down_proj.weight", $"{l2c}.feed_forward.w2.weight"));
            tensors.Add(Plain($"{hf}.mlp.up_proj.weight", $"{l2c}.feed_forward.w3.weight"));
        }
        tensors.Add(Plain("model.norm.weight", "norm.weight"));
        return tensors;
    }

    /// <summary>
    /// export.py's <c>permute_original</c>: w.view(heads, head_dim/2, 2, in).transpose(1, 2).reshape(out, in).
    /// Row h·hd + 2i + j (pair i, real j=0 or imaginary j=1) moves to row h·hd + j·hd/2 + i.
    /// </summary>
    public static NamedTensor PermuteRotaryRows(NamedTensor weight, int heads)
    {
        var (rows, columns) = (checked((int)weight.Shape[0]), checked((int)weight.Shape[1]));
        var headDim = rows / heads;
        var half = headDim / 2;
        var permuted = new float[weight.Values.Length];
        for (var h = 0; h < heads; h++)
        for (var i = 0; i < half; i++)
        for (var j = 0; j < 2; j++)
        {
            var from = h * headDim + 2 * i + j;
            var to = h * headDim + j * half + i;
            Array.Copy(weight.Values, (long)from * columns, permuted, (long)to * columns, columns);
        }
        return weight with { Values = permuted };
    }

    private static NamedTensor ToNamed(string name, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var values = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        return new NamedTensor(name, tensor.shape, values);
    }
}
