using System.Text.Json;
using Prebias.Core.Training;

namespace Prebias.Core.Evaluation.Results;

/// <summary>Attention weights of the probe input, (L, H, T, T) row-major, with the probe's tokens.</summary>
public sealed record AttentionView(long[] Shape, int[] Tokens, string[] Pieces, float[] Weights);

/// <summary>A token in the embedding PCA.</summary>
public sealed record EmbeddingPoint(int Id, string Piece, double X, double Y);

/// <summary>Token-embedding PCA of a checkpoint: 2 components and their explained variance ratios.</summary>
public sealed record EmbeddingView(double[] ExplainedVarianceRatio, IReadOnlyList<EmbeddingPoint> Points);

/// <summary>Cosine similarity between the layers' attention maps on the probe input.</summary>
public sealed record LayerView(int Layers, double[][] Similarity);

/// <summary>
/// The per-checkpoint artifacts behind the attention, embedding and layer views, in the checkpoint's folder:
/// attention.f32/.json (written by training), embeddings.json and layers.json (written by evaluation).
/// </summary>
public static class CheckpointViews
{
    public const string EmbeddingsFile = CheckpointFolder.Embeddings;
    public const string LayersFile = CheckpointFolder.Layers;

    public static AttentionView? ReadAttention(string checkpointDirectory)
    {
        var index = Path.Combine(checkpointDirectory, AttentionProbe.IndexFile);
        var weights = Path.Combine(checkpointDirectory, AttentionProbe.WeightsFile);
        if (!File.Exists(index) || !File.Exists(weights)) return null;
        using var json = JsonDocument.Parse(File.ReadAllBytes(index));
        var root = json.RootElement;
        var bytes = File.ReadAllBytes(weights);
        var values = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, values, 0, values.Length * sizeof(float));
        return new AttentionView(
            [.. root.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64())],
            [.. root.GetProperty("tokens").EnumerateArray().Select(e => e.GetInt32())],
            [.. root.GetProperty("pieces").EnumerateArray().Select(e => e.GetString() ?? "")],
            values);
    }

    public static EmbeddingView? ReadEmbeddings(string checkpointDirectory) => Read<EmbeddingView>(checkpointDirectory, EmbeddingsFile);

    public static LayerView? ReadLayers(string checkpointDirectory) => Read<LayerView>(checkpointDirectory, LayersFile);

    /// <summary>Adds a view to the checkpoint, atomically and with its hash in the manifest.</summary>
    public static void Write<T>(string checkpointDirectory, string file, T view) =>
        CheckpointFolder.WriteJson(checkpointDirectory, file, view);

    private static T? Read<T>(string directory, string file) where T : class
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), JsonDefaults.Options) : null;
    }
}
