using Prebias.Core.Modeling;

namespace Prebias.Core.Training;

/// <summary>
/// manifest.json of a checkpoint directory, written last: its presence marks the checkpoint complete.
/// <see cref="Files"/> maps each file name to its lowercase hex sha256.
/// </summary>
public sealed record CheckpointManifest(
    long Step,
    ModelArgs ModelArgs,
    IReadOnlyDictionary<string, string> Files,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset CreatedAt)
{
    /// <summary>Weights, safetensors with llama2.c's parameter names.</summary>
    public const string WeightsFile = "model.safetensors";

    /// <summary>AdamW state (step, exp_avg, exp_avg_sq per parameter) in TorchSharp's optimizer format.</summary>
    public const string OptimizerFile = "optimizer.bin";

    /// <summary>Raw bytes of torch's CPU generator state.</summary>
    public const string RngFile = "rng.bin";

    public const string ManifestFile = "manifest.json";

    /// <summary>sha256 of the weights file.</summary>
    public string WeightsSha256 => Files[WeightsFile];
}
