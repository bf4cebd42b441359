using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Prebias.Core.Modeling;

/// <summary>
/// Weights as safetensors (TorchSharp.PyBridge) under llama2.c's names. Both <c>tok_embeddings.weight</c> and
/// <c>output.weight</c> are written (like llama2.c's state_dict), so PyTorch's <c>load_state_dict</c> reads the file.
/// </summary>
public static class ModelWeights
{
    public static void Save(Transformer model, string path)
    {
        using var stream = File.Create(path);
        Save(model, stream);
    }

    public static void Save(Transformer model, Stream stream) => model.save_safetensors(stream, leaveOpen: true);

    public static void Load(Transformer model, string path)
    {
        using var stream = File.OpenRead(path);
        Load(model, stream);
    }

    /// <summary>
    /// Copies every parameter from the file; a file holding only one of the tied names is accepted.
    /// Throws on a missing tensor or a shape mismatch (e.g. a checkpoint of another preset).
    /// </summary>
    public static void Load(Transformer model, Stream stream)
    {
        var tensors = Safetensors.LoadStateDict(stream, leaveOpen: true);
        try
        {
            using var noGrad = no_grad();
            foreach (var (name, parameter) in model.UniqueNamedParameters())
            {
                if (!tensors.TryGetValue(name, out var source) &&
                    !(name == "tok_embeddings.weight" && tensors.TryGetValue("output.weight", out source)))
                    throw new InvalidDataException($"Weights file lacks '{name}'.");
                if (!source.shape.SequenceEqual(parameter.shape))
                    throw new InvalidDataException(
                        $"'{name}' has shape [{string.Join(", ", source.shape)}], model expects [{string.Join(", ", parameter.shape)}].");
                parameter.copy_(source);
            }
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }
}
