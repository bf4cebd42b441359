using static TorchSharp.torch;

namespace Prebias.Core.Training;

/// <summary>
/// One micro-batch: <see cref="Inputs"/> and <see cref="Targets"/> are int64 (B, T); targets are inputs shifted by
/// one, with padding positions set to the trainer's ignore index. Disposing the batch disposes both tensors.
/// </summary>
public sealed record TokenBatch(Tensor Inputs, Tensor Targets) : IDisposable
{
    /// <summary>Token positions in the batch (B·T), padding included.</summary>
    public long TokenCount => Inputs.numel();

    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }
}
