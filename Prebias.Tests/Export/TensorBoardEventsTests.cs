using Prebias.Core.Export;

namespace Prebias.Tests.Export;

public sealed class TensorBoardEventsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prebias-tb-").FullName;

    [Fact]
    public void Write_EventFileHoldsEveryScalarWithValidCrcs_WhenReadBack()
    {
        var at = new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);
        ScalarPoint[] points =
        [
            new("loss/train", 0, 3.5), new("loss/train", 1, 3.25), new("loss/train", 2, 2.875),
            new("loss/val", 2, 3.0625, at), new("output/sentiment", 2, -0.125),
        ];
        var folder = Path.Combine(_root, "tensorboard");
        TensorBoardEvents.Write(folder, points);
        TensorBoardEvents.Write(folder, points); // an export replaces the folder: still one file, no duplicates

        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.StartsWith("events.out.tfevents.", Path.GetFileName(file));
        var (version, scalars) = TfRecordEvents.Read(file);
        Assert.Equal("brain.Event:2", version);
        Assert.Equal(points.Select(p => (p.Tag, p.Step, (float)p.Value)), scalars.Select(s => (s.Tag, s.Step, s.Value)));
        Assert.Equal(at.ToUnixTimeSeconds(), scalars.Single(s => s.Tag == "loss/val").WallTime);
        Assert.Empty(Directory.GetDirectories(_root, "*.tmp-*"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
