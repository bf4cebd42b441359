using Prebias.Core.Modeling;

namespace Prebias.Core.Training;

/// <summary>
/// manifest.json of a checkpoint directory, written last: its presence marks the checkpoint complete.
/// <see cref="Files"/> maps each file name to its lowercase hex sha256; files added later through
/// <see cref="CheckpointFolder.WriteFile"/> are added to it.
/// </summary>
public sealed record CheckpointManifest(
    long Step,
    ModelArgs ModelArgs,
    IReadOnlyDictionary<string, string> Files,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset CreatedAt)
{
    /// <summary>The names of the files are <see cref="CheckpointFolder"/>'s; these keep the short spelling.</summary>
    public const string WeightsFile = CheckpointFolder.Weights;

    public const string OptimizerFile = CheckpointFolder.Optimizer;

    public const string RngFile = CheckpointFolder.Rng;

    public const string ManifestFile = CheckpointFolder.Manifest;

    /// <summary>sha256 of the weights file.</summary>
    public string WeightsSha256 => Files[WeightsFile];
}
