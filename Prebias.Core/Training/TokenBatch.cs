using static TorchSharp.torch;

namespace Prebias.Core.Training;

/// <summary>
/// One micro-batch: <see cref="Inputs"/> and <see cref="Targets"/> are int64 (B, T); targets are inputs shifted by
/// one, with padding positions set to the trainer's ignore index. <see cref="TrainedTokens"/>: targets that count in
/// the loss, given by the builder (who knows the rows' lengths without reading the tensor back); null when every
/// position is a real target. Disposing the batch disposes both tensors.
/// </summary>
public sealed record TokenBatch(Tensor Inputs, Tensor Targets, long? TrainedTokens = null) : IDisposable
{
    /// <summary>Tokens trained on: the real targets, padding excluded (B·T when the batch has no padding).</summary>
    public long TokenCount => TrainedTokens ?? Inputs.numel();

    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }
}
