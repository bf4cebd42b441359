using Prebias.Core.Modeling;
using Prebias.Core.Training;
using TorchSharp.PyBridge;
using Prebias.Tests.Modeling;
using static TorchSharp.torch;

namespace Prebias.Tests.Training;

[Collection("Sequential")]
public sealed class CheckpointTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prebias-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Resume_GivesBitIdenticalWeights_AsUninterruptedRun()
    {
        var args = ModelFixtures.Tiny with { Dropout = 0.1 }; // dropout makes the RNG state matter
        var batches = new SeededBatchProvider(4, 16, 40);

        using (var model = new Transformer(args, seed: 1))
        using (var trainer = new Trainer(model, ModelFixtures.ShortRun(6)))
        {
            for (var i = 0; i < 6; i++) trainer.Step(batches);
            ModelWeights.Save(model, Path.Combine(_root, "straight.safetensors"));
        }

        var checkpoint = Path.Combine(_root, "step-3");
        using (var model = new Transformer(args, seed: 1))
        using (var trainer = new Trainer(model, ModelFixtures.ShortRun(6)))
        {
            for (var i = 0; i < 3; i++) trainer.Step(batches);
            trainer.SaveCheckpoint(checkpoint);
            trainer.Step(batches); // disturb the global generator after saving
        }

        using (var model = new Transformer(args, seed: 99)) // different init: everything must come from the checkpoint
        using (var trainer = new Trainer(model, ModelFixtures.ShortRun(6)))
        {
            Assert.Equal(3, trainer.LoadCheckpoint(checkpoint).Step);
            Assert.Equal(3, trainer.Iteration);
            for (var i = 0; i < 3; i++) trainer.Step(batches);
            ModelWeights.Save(model, Path.Combine(_root, "resumed.safetensors"));
        }

        Assert.Equal(FileHashing.Sha256(Path.Combine(_root, "straight.safetensors")),
            FileHashing.Sha256(Path.Combine(_root, "resumed.safetensors")));
    }

    [Fact]
    public void Save_WritesManifestWithFileHashes_AndLeavesNoTemporaryDirectory()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 1);
        using var trainer = new Trainer(model, ModelFixtures.ShortRun(2));
        trainer.Step(new SeededBatchProvider(4, 16, 40));
        var directory = Path.Combine(_root, "step-1");
        var manifest = trainer.SaveCheckpoint(directory, new Dictionary<string, string> { ["samplesSeen"] = "8" });

        Assert.Equal([directory], Directory.GetDirectories(_root));
        var reread = CheckpointStore.ReadManifest(directory)!;
        Assert.Equal(1, reread.Step);
        Assert.Equal("8", reread.Metadata["samplesSeen"]);
        Assert.Equal(ModelFixtures.Tiny, reread.ModelArgs);
        foreach (var name in new[] { "model.safetensors", "optimizer.bin", "rng.bin" })
            Assert.Equal(FileHashing.Sha256(Path.Combine(directory, name)), manifest.Files[name]);
    }

    [Fact]
    public void Load_Throws_WhenAFileWasAltered()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 1);
        using var trainer = new Trainer(model, ModelFixtures.ShortRun(2));
        var directory = Path.Combine(_root, "step-0");
        trainer.SaveCheckpoint(directory);
        var rng = Path.Combine(directory, "rng.bin");
        var bytes = File.ReadAllBytes(rng);
        bytes[0] ^= 0xFF;
        File.WriteAllBytes(rng, bytes);
        Assert.Throws<InvalidDataException>(() => trainer.LoadCheckpoint(directory));
    }

    [Fact]
    public void FindLatest_ReturnsHighestCompleteStep_IgnoringTemporaryAndIncompleteDirectories()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 1);
        using var optimizer = OptimizerFactory.CreateAdamW(model, new TrainingOptions());
        CheckpointStore.Save(Path.Combine(_root, "a"), model, optimizer, step: 4);
        CheckpointStore.Save(Path.Combine(_root, "b"), model, optimizer, step: 8);
        Directory.CreateDirectory(Path.Combine(_root, "c"));               // killed before the manifest
        Directory.CreateDirectory(Path.Combine(_root, "d.tmp-123"));       // killed mid-write
        var latest = CheckpointStore.FindLatest(_root);
        Assert.Equal(8, latest!.Value.Manifest.Step);
        Assert.Equal(Path.Combine(_root, "b"), latest.Value.Directory);
    }

    [Fact]
    public void LoadWeights_ReproducesOutputs_InAFreshModel()
    {
        var path = Path.Combine(_root, "w.safetensors");
        using var source = new Transformer(ModelFixtures.Tiny, seed: 1);
        using var target = new Transformer(ModelFixtures.Tiny, seed: 2);
        source.eval();
        target.eval();
        ModelWeights.Save(source, path);
        ModelWeights.Load(target, path);
        using var scope = NewDisposeScope();
        var tokens = tensor(new long[] { 1, 5, 9, 2, 7 }).view(1, 5);
        Assert.True(source.Forward(tokens).Logits.allclose(target.Forward(tokens).Logits, rtol: 0, atol: 0));
        // The file uses llama2.c's names, the tied output included.
        var keys = Safetensors.LoadStateDict(path).Keys;
        Assert.Contains("layers.1.feed_forward.w3.weight", keys);
        Assert.Contains("output.weight", keys);
        Assert.Equal(ModelFixtures.Tiny.NLayers * 9 + 3, keys.Count);
    }

    [Fact]
    public void LoadWeights_Throws_WhenShapesDiffer()
    {
        var path = Path.Combine(_root, "w.safetensors");
        using var source = new Transformer(ModelFixtures.Tiny, seed: 1);
        using var target = new Transformer(ModelFixtures.Tiny with { VocabSize = 41 }, seed: 2);
        ModelWeights.Save(source, path);
        Assert.Throws<InvalidDataException>(() => ModelWeights.Load(target, path));
    }
}
