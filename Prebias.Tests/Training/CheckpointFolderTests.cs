using Prebias.Core.Evaluation.Results;
using Prebias.Core.Modeling;
using Prebias.Core.Training;
using Prebias.Tests.Modeling;

namespace Prebias.Tests.Training;

[Collection("Sequential")]
public sealed class CheckpointFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prebias-ckptfolder-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void WriteFile_AddsTheFilesHashToTheManifest_SoLoadVerifiesIt()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 1);
        using var trainer = new Trainer(model, ModelFixtures.ShortRun(2));
        var directory = Path.Combine(_root, "step-0");
        trainer.SaveCheckpoint(directory);

        CheckpointViews.Write(directory, CheckpointViews.LayersFile, new LayerView(1, [[1.0]]));
        CheckpointViews.Write(directory, CheckpointViews.LayersFile, new LayerView(1, [[0.5]])); // a retried evaluation

        var manifest = CheckpointStore.ReadManifest(directory)!;
        var layers = Path.Combine(directory, CheckpointFolder.Layers);
        Assert.Equal(FileHashing.Sha256(layers), manifest.Files[CheckpointFolder.Layers]);
        Assert.Equal(0.5, CheckpointViews.ReadLayers(directory)!.Similarity[0][0]);
        Assert.Equal(3 + 1, manifest.Files.Count);
        Assert.DoesNotContain(Directory.GetFiles(directory), path => path.Contains(".tmp-"));
        trainer.LoadCheckpoint(directory);

        File.AppendAllText(layers, " ");
        Assert.Throws<InvalidDataException>(() => trainer.LoadCheckpoint(directory));
    }

    [Fact]
    public void WriteFile_Refuses_WhenTheFolderHoldsNoCheckpoint_OrTheNameIsUnknown()
    {
        Assert.Throws<InvalidDataException>(() => CheckpointFolder.WriteJson(_root, CheckpointFolder.Layers, 1));
        Assert.Throws<ArgumentException>(() => CheckpointFolder.WriteJson(_root, "../escape.json", 1));
        Assert.False(File.Exists(Path.Combine(_root, CheckpointFolder.Layers)));
    }
}
