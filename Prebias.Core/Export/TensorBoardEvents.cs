using static TorchSharp.torch.utils.tensorboard;

namespace Prebias.Core.Export;

/// <summary>
/// Writes a run's scalars as one TensorBoard event file (TFRecord framing of <c>Event</c> protos) with TorchSharp's
/// SummaryWriter. The folder is replaced whole (<see cref="AtomicFolder"/>), so every export is the whole, current
/// series and a reader never sees a half-written file.
/// </summary>
public static class TensorBoardEvents
{
    public static void Write(string folder, IEnumerable<ScalarPoint> points, CancellationToken ct = default) =>
        AtomicFolder.Replace(folder, temp =>
        {
            var writer = SummaryWriter(temp);
            foreach (var point in points)
            {
                ct.ThrowIfCancellationRequested();
                // TensorBoard's wall time is seconds since the epoch; without one, 0 rather than SummaryWriter's ticks.
                long? wall = point.Time?.ToUnixTimeSeconds() ?? 0;
                writer.add_scalar(point.Tag, (float)point.Value, checked((int)point.Step), wall);
            }
        });
}
