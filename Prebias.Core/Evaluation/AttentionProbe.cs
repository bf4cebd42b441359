using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;
using Prebias.Core.Training;
using static TorchSharp.torch;

namespace Prebias.Core.Evaluation;

/// <summary>
/// The fixed probe input whose attention weights are saved with every checkpoint (one fixed text, so the maps of
/// different checkpoints compare): BOS + the tokens of <see cref="Text"/>. Stored in the checkpoint folder as
/// <c>attention.f32</c> (float32, little-endian, shape (n_layers, n_heads, T, T)) and <c>attention.json</c> (shape,
/// token ids, pieces), both hashed in its manifest.
/// </summary>
public static class AttentionProbe
{
    public const string Text = "Once upon a time, there was a little girl named Lily. She";
    public const string WeightsFile = CheckpointFolder.AttentionWeights;
    public const string IndexFile = CheckpointFolder.AttentionIndex;

    /// <summary>Probe tokens for a tokenizer (BOS first), cut to the model's context.</summary>
    public static int[] Tokens(ITextTokenizer tokenizer, int maxSeqLen) =>
        [.. new[] { tokenizer.BosId ?? tokenizer.EosId ?? 0 }.Concat(tokenizer.Encode(Text)).Take(Math.Min(64, maxSeqLen))];

    public static void Save(Transformer model, ITextTokenizer tokenizer, string checkpointDirectory)
    {
        var ids = Tokens(tokenizer, model.Args.MaxSeqLen);
        float[] weights;
        long[] shape;
        using (no_grad())
        using (NewDisposeScope())
        {
            model.eval();
            var input = tensor(ids.Select(i => (long)i).ToArray(), [1, ids.Length], device: model.Device);
            var attention = model.AttentionWeights(input).select(1, 0).cpu(); // (L, 1, H, T, T) → (L, H, T, T)
            weights = attention.data<float>().ToArray();
            shape = attention.shape;
            model.train();
        }
        var bytes = new byte[weights.Length * sizeof(float)];
        Buffer.BlockCopy(weights, 0, bytes, 0, bytes.Length);
        CheckpointFolder.WriteFile(checkpointDirectory, WeightsFile, stream => stream.Write(bytes));
        var index = new { shape, tokens = ids, pieces = ids.Select(tokenizer.IdToPiece).ToArray(), text = Text };
        CheckpointFolder.WriteJson(checkpointDirectory, IndexFile, index);
    }
}
