using System.Text.Json;

namespace Prebias.Core.Training;

/// <summary>
/// The layout of a checkpoint folder, in one place: every file it may hold, and the only way to add one after the
/// checkpoint was saved. <see cref="CheckpointStore.Save"/> writes the core files and the manifest;
/// <see cref="WriteFile"/> adds a later file (the evaluation's embeddings and layer views) atomically and records its
/// sha256 in <c>manifest.json</c>, so the manifest's hashes cover every file and <see cref="CheckpointStore.Load"/>
/// verifies them all.
/// </summary>
public static class CheckpointFolder
{
    /// <summary>Weights, safetensors with llama2.c's parameter names.</summary>
    public const string Weights = "model.safetensors";

    /// <summary>AdamW state (step, exp_avg, exp_avg_sq per parameter) in TorchSharp's optimizer format.</summary>
    public const string Optimizer = "optimizer.bin";

    /// <summary>Raw bytes of torch's CPU generator state.</summary>
    public const string Rng = "rng.bin";

    /// <summary>Written last by <see cref="CheckpointStore.Save"/>: its presence marks a complete checkpoint.</summary>
    public const string Manifest = "manifest.json";

    /// <summary>Attention weights of the probe text, float32 little-endian, shape (n_layers, n_heads, T, T).</summary>
    public const string AttentionWeights = "attention.f32";

    /// <summary>Shape, token ids and pieces of <see cref="AttentionWeights"/>.</summary>
    public const string AttentionIndex = "attention.json";

    /// <summary>Token-embedding PCA, written by evaluation.</summary>
    public const string Embeddings = "embeddings.json";

    /// <summary>Layer-by-layer attention similarity, written by evaluation.</summary>
    public const string Layers = "layers.json";

    /// <summary>ICL score and per-head induction scores, written by evaluation.</summary>
    public const string InContext = "in-context.json";

    /// <summary>Every file a checkpoint folder may hold besides the manifest.</summary>
    public static IReadOnlyList<string> Files { get; } =
        [Weights, Optimizer, Rng, AttentionWeights, AttentionIndex, Embeddings, Layers, InContext];

    /// <summary>Guards the manifest's read-modify-write when two processes add files to one checkpoint.</summary>
    private const string LockFile = ".manifest.lock";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Writes <paramref name="name"/> into a complete checkpoint atomically and records its sha256 in the manifest
    /// (rewritten atomically too). Re-writing a file replaces its hash, so a retried evaluation stays consistent.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of <see cref="Files"/>.</exception>
    /// <exception cref="InvalidDataException">The folder holds no complete checkpoint.</exception>
    public static void WriteFile(string directory, string name, Action<Stream> write)
    {
        if (!Files.Contains(name) || name is Weights or Optimizer or Rng)
            throw new ArgumentException($"'{name}' is not a file added to a saved checkpoint.", nameof(name));
        using var manifestLock = Lock(directory);
        var manifest = ReadManifest(directory)
            ?? throw new InvalidDataException($"No complete checkpoint in '{directory}' (manifest.json missing).");
        var path = Path.Combine(directory, name);
        AtomicFile.Write(path, write);
        var files = new Dictionary<string, string>(manifest.Files) { [name] = FileHashing.Sha256(path) };
        WriteManifest(directory, manifest with { Files = files });
    }

    /// <summary>As <see cref="WriteFile"/>, for a value serialised as camelCase JSON.</summary>
    public static void WriteJson<T>(string directory, string name, T value) =>
        WriteFile(directory, name, stream => JsonSerializer.Serialize(stream, value, JsonDefaults.Options));

    /// <summary>The manifest of a complete checkpoint, or null when the directory has none.</summary>
    public static CheckpointManifest? ReadManifest(string directory)
    {
        var path = Path.Combine(directory, Manifest);
        if (!File.Exists(path)) return null;
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<CheckpointManifest>(stream, Json);
    }

    internal static void WriteManifest(string directory, CheckpointManifest manifest) =>
        AtomicFile.Write(Path.Combine(directory, Manifest), stream => JsonSerializer.Serialize(stream, manifest, Json));

    /// <summary>Throws when a file the manifest lists is missing or differs from its recorded sha256.</summary>
    public static void Verify(string directory, CheckpointManifest manifest)
    {
        foreach (var (name, expected) in manifest.Files)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path)) throw new InvalidDataException($"Checkpoint file '{name}' is missing.");
            var actual = FileHashing.Sha256(path);
            if (actual != expected)
                throw new InvalidDataException(
                    $"Checkpoint file '{name}' has sha256 {actual}, manifest says {expected}.");
        }
    }

    private static FileStream Lock(string directory)
    {
        var path = Path.Combine(directory, LockFile);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock on Unix too, so it holds across worker processes.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(50);
            }
        }
    }
}
