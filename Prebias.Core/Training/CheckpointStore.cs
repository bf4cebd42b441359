using Prebias.Core.Modeling;
using Transformer = Prebias.Core.Modeling.Transformer;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Prebias.Core.Training;

/// <summary>
/// Checkpoint directories: <c>model.safetensors</c>, <c>optimizer.bin</c>, <c>rng.bin</c> and <c>manifest.json</c>
/// (step, model args, sha256 of each file, caller metadata). Written into a temporary sibling directory, fsynced, then
/// renamed into place, so a reader (or a resumed job after kill -9) sees either the whole checkpoint or none.
/// </summary>
public static class CheckpointStore
{
    public static CheckpointManifest Save(
        string directory, Transformer model, OptimizerHelper optimizer, long step,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        CheckpointManifest manifest = null!;
        AtomicFolder.Replace(directory, temp =>
        {
            WriteDurably(Path.Combine(temp, CheckpointManifest.WeightsFile), s => ModelWeights.Save(model, s));
            WriteDurably(Path.Combine(temp, CheckpointManifest.OptimizerFile), s =>
            {
                using var writer = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
                optimizer.save_state_dict(writer);
            });
            WriteDurably(Path.Combine(temp, CheckpointManifest.RngFile), s =>
            {
                using var state = random.get_rng_state();
                s.Write(state.data<byte>().ToArray());
            });
            var files = new[] { CheckpointManifest.WeightsFile, CheckpointManifest.OptimizerFile, CheckpointManifest.RngFile }
                .ToDictionary(name => name, name => FileHashing.Sha256(Path.Combine(temp, name)));
            manifest = new CheckpointManifest(step, model.Args, files,
                metadata ?? new Dictionary<string, string>(), DateTimeOffset.UtcNow);
            CheckpointFolder.WriteManifest(temp, manifest);
        });
        return manifest;
    }

    /// <summary>The manifest of a complete checkpoint, or null when the directory has none.</summary>
    public static CheckpointManifest? ReadManifest(string directory) => CheckpointFolder.ReadManifest(directory);

    /// <summary>
    /// Loads weights into <paramref name="model"/>, optimiser state into <paramref name="optimizer"/> (built for the
    /// same model, e.g. by <see cref="OptimizerFactory"/>) and restores torch's generator. Verifies every sha256 first.
    /// </summary>
    public static CheckpointManifest Load(string directory, Transformer model, OptimizerHelper optimizer)
    {
        var manifest = LoadWeights(directory, model, optimizer);
        var rng = File.ReadAllBytes(Path.Combine(directory, CheckpointManifest.RngFile));
        using (var state = tensor(rng, dtype: ScalarType.Byte))
            random.set_rng_state(state);
        return manifest;
    }

    /// <summary>
    /// Loads weights into <paramref name="model"/> and, unless <paramref name="optimizer"/> is null, its optimiser
    /// state; torch's generator is left alone. Verifies every sha256 first.
    /// </summary>
    public static CheckpointManifest LoadWeights(string directory, Transformer model, OptimizerHelper? optimizer)
    {
        var manifest = ReadManifest(directory)
            ?? throw new InvalidDataException($"No complete checkpoint in '{directory}' (manifest.json missing).");
        CheckpointFolder.Verify(directory, manifest);
        ModelWeights.Load(model, Path.Combine(directory, CheckpointManifest.WeightsFile));
        if (optimizer is null) return manifest;
        using var stream = File.OpenRead(Path.Combine(directory, CheckpointManifest.OptimizerFile));
        using var reader = new BinaryReader(stream);
        optimizer.load_state_dict(reader);
        return manifest;
    }

    /// <summary>Among the subdirectories of <paramref name="root"/>, the complete checkpoint with the highest step.</summary>
    public static (string Directory, CheckpointManifest Manifest)? FindLatest(string root)
    {
        if (!Directory.Exists(root)) return null;
        return Directory.EnumerateDirectories(root)
            .Where(d => !Path.GetFileName(d).Contains(".tmp-", StringComparison.Ordinal))
            .Select(d => (Directory: d, Manifest: ReadManifest(d)))
            .Where(c => c.Manifest is not null)
            .OrderByDescending(c => c.Manifest!.Step)
            .Select(c => ((string, CheckpointManifest)?)(c.Directory, c.Manifest!))
            .FirstOrDefault();
    }

    private static void WriteDurably(string path, Action<Stream> write)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        write(stream);
        stream.Flush(flushToDisk: true);
    }
}
