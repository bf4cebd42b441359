using System.Diagnostics;
using System.Globalization;
using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;
using Prebias.Core.Training;

namespace Prebias.Bench;

/// <summary>Where <c>bench generate</c> gets its tokenizer and model: a checkpoint, or a seeded preset optionally trained a few steps.</summary>
internal static class GenerateBenchmarkModel
{
    /// <summary>The tokenizer: trained on the data (--train-vocab), loaded (--tokenizer), or none.</summary>
    public static async Task<ITextTokenizer?> LoadTokenizerAsync(GenerateBenchmarkOptions options, string outDir, CancellationToken ct)
    {
        if (options.TrainVocab is { } size)
        {
            var watch = Stopwatch.StartNew();
            var trainer = new SentencePieceTrainer(new SentencePieceTrainerOptions { NumThreads = options.Threads });
            var path = await trainer.TrainAsync(StoryWindowBatches.ReadStories(options.Data!), size, Path.Combine(outDir, "tokenizer"), ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained a {size}-piece vocabulary in {watch.Elapsed.TotalSeconds:F1} s: {path}"));
            return TextTokenizers.LoadSentencePiece(path);
        }
        return options.Tokenizer is { } tokenizerPath ? TextTokenizers.LoadSentencePiece(tokenizerPath) : null;
    }

    /// <summary>The model on the CPU, in eval mode. Construct outside any dispose scope (the model owns its parameters).</summary>
    public static Transformer Load(GenerateBenchmarkOptions options, ITextTokenizer? tokenizer, string outDir)
    {
        Transformer model;
        if (options.Checkpoint is { } checkpoint)
        {
            var (directory, manifest) = ResolveCheckpoint(checkpoint);
            model = new Transformer(manifest.ModelArgs);
            ModelWeights.Load(model, Path.Combine(directory, CheckpointManifest.WeightsFile));
            Console.WriteLine($"checkpoint {directory} (step {manifest.Step})");
        }
        else
        {
            model = new Transformer(ModelPresets.Get(options.Preset), seed: options.Seed);
            Console.WriteLine($"preset {options.Preset}, random init (seed {options.Seed})");
        }
        if (tokenizer is not null && tokenizer.VocabSize > model.Args.VocabSize)
            throw new ArgumentException($"tokenizer has {tokenizer.VocabSize} pieces, the model only {model.Args.VocabSize}");
        if (options.TrainSteps > 0) Train(model, options, tokenizer!, outDir);
        model.eval();
        return model;
    }

    private static (string Directory, CheckpointManifest Manifest) ResolveCheckpoint(string path)
    {
        if (CheckpointStore.ReadManifest(path) is { } manifest) return (path, manifest);
        return CheckpointStore.FindLatest(path)
            ?? throw new ArgumentException($"no checkpoint (manifest.json) in '{path}' or its subdirectories");
    }

    private static void Train(Transformer model, GenerateBenchmarkOptions options, ITextTokenizer tokenizer, string outDir)
    {
        var stream = StoryWindowBatches.EncodeStories(options.Data!, tokenizer);
        var batches = new StoryWindowBatches(stream, options.TrainBatch, Math.Min(options.TrainSeq, model.Args.MaxSeqLen), options.Seed);
        using var trainer = new Trainer(model, new TrainingOptions
        {
            BatchSize = options.TrainBatch, GradientAccumulationSteps = 1, MaxIters = options.TrainSteps,
            LearningRate = options.LearningRate, MinLr = options.LearningRate / 10, // train.py: min_lr ≈ lr/10 (Chinchilla)
            WarmupIters = Math.Max(1, options.TrainSteps / 10), Threads = options.Threads, Seed = options.Seed, Device = "cpu",
        });
        Console.WriteLine($"training {options.TrainSteps} steps of {options.TrainBatch}x{options.TrainSeq} on {batches.Length} tokens");
        var watch = Stopwatch.StartNew();
        for (var step = 0; step < options.TrainSteps; step++)
        {
            var last = step == options.TrainSteps - 1;
            var result = trainer.Step(batches, readLoss: step % 50 == 0 || last);
            if (result.Loss is { } loss)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  step {step}: loss {loss:F3}, {watch.Elapsed.TotalSeconds:F0} s"));
        }
        var checkpoint = Path.Combine(outDir, "checkpoint");
        trainer.SaveCheckpoint(checkpoint, new Dictionary<string, string> { ["source"] = "bench generate --train-steps" });
        Console.WriteLine($"checkpoint written: {checkpoint}");
    }
}
