using Prebias.Core.Modeling;

namespace Prebias.Core.Training;

/// <summary>Loads a checkpoint's model for inference (evaluation, divergence, export): its arguments and weights, in eval mode.</summary>
public static class CheckpointModels
{
    /// <summary>The model of a complete checkpoint directory; throws <see cref="InvalidDataException"/> when it has no manifest.</summary>
    public static Transformer Load(string directory)
    {
        var manifest = CheckpointStore.ReadManifest(directory)
            ?? throw new InvalidDataException($"{directory} is not a complete checkpoint (no {CheckpointManifest.ManifestFile}).");
        var model = new Transformer(manifest.ModelArgs);
        ModelWeights.Load(model, Path.Combine(directory, CheckpointManifest.WeightsFile));
        model.eval();
        return model;
    }
}
