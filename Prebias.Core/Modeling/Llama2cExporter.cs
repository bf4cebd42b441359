using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Prebias.Core.Modeling;

/// <summary>
/// llama2.c's legacy <c>model.bin</c> (version 0, export.py legacy_export) readable by run.c: a header of 7 int32
/// (dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, max_seq_len; vocab_size positive because the
/// classifier is shared) then little-endian fp32 tensors in this order: tok_embeddings, every attention_norm, wq, wk,
/// wv, wo, ffn_norm, w1, w2, w3 (each across all layers), norm, freqs_cos[:max_seq_len], freqs_sin[:max_seq_len].
/// </summary>
public static class Llama2cExporter
{
    public const int HeaderBytes = 7 * sizeof(int);

    public static void Export(Transformer model, string path)
    {
        using var stream = File.Create(path);
        Export(model, stream);
    }

    public static void Export(Transformer model, Stream stream)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("model.bin is little-endian.");
        var args = model.Args;
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        int[] header = [args.Dim, FeedForward.ComputeHiddenDim(args), args.NLayers, args.NHeads, args.EffectiveKvHeads,
            args.VocabSize, args.MaxSeqLen];
        foreach (var field in header) writer.Write(field);
        foreach (var (_, tensor) in TensorsInOrder(model)) WriteFp32(writer, tensor);
    }

    /// <summary>The exported tensors with their llama2.c names, in file order.</summary>
    public static IReadOnlyList<(string Name, Tensor Tensor)> TensorsInOrder(Transformer model)
    {
        var parameters = model.named_parameters().ToDictionary(np => np.name, np => (Tensor)np.parameter);
        var layers = Enumerable.Range(0, model.Args.NLayers).ToArray();
        var ordered = new List<(string, Tensor)> { ("tok_embeddings.weight", parameters["tok_embeddings.weight"]) };
        string[] perLayer = ["attention_norm", "attention.wq", "attention.wk", "attention.wv", "attention.wo",
            "ffn_norm", "feed_forward.w1", "feed_forward.w2", "feed_forward.w3"];
        foreach (var part in perLayer)
            ordered.AddRange(layers.Select(i => ($"layers.{i}.{part}.weight", parameters[$"layers.{i}.{part}.weight"])));
        ordered.Add(("norm.weight", parameters["norm.weight"]));
        ordered.Add(("freqs_cos", model.FreqsCos.narrow(0, 0, model.Args.MaxSeqLen)));
        ordered.Add(("freqs_sin", model.FreqsSin.narrow(0, 0, model.Args.MaxSeqLen)));
        return ordered;
    }

    private static void WriteFp32(BinaryWriter writer, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        // Row-major flattening, as tensor.view(-1) in export.py.
        var values = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }
}
