using Prebias.Core.Branches;
using Prebias.Core.Corpora.Synthetic;
using Prebias.Core.Modeling;
using Prebias.Core.Text;
using Prebias.Core.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Prebias.Tests.Branches;

/// <summary>
/// A fine-tune through the trainer's own path (<see cref="Trainer.StartFrom"/>, <see cref="FinetuneTraining"/>): a
/// tiny model pretrained on synthetic stories dialled happy, then fine-tuned on stories dialled sad, moves toward the
/// sad ones. Measured as the model's mean loss on held-out sad endings minus happy endings (its preference for happy
/// text, in nats per token): generations of a 32-dim model are too noisy to score sentiment on.
/// </summary>
[Collection("Sequential")]
public sealed class FineTuneTests(ITestOutputHelper output) : IDisposable
{
    private const int Words = 16;
    private readonly string _root = Directory.CreateTempSubdirectory("prebias-finetune-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void FineTuningOnTheOppositeSentimentDial_MovesThePreferenceTowardThatCorpus()
    {
        var happy = Stories(seed: 1, happyShare: 0.9, count: 400);
        var sad = Stories(seed: 2, happyShare: 0.1, count: 400);
        var heldOutHappy = Stories(seed: 3, happyShare: 1.0, count: 48);
        var heldOutSad = Stories(seed: 4, happyShare: 0.0, count: 48);
        var vocabulary = Vocabulary([happy, sad, heldOutHappy, heldOutSad]);
        var args = new ModelArgs
        {
            Dim = 32, NLayers = 2, NHeads = 4, NKvHeads = 4, VocabSize = vocabulary.Count + 1, MaxSeqLen = Words,
            MultipleOf = 8,
        };
        var pretrainOptions = new TrainingOptions
        {
            BatchSize = 16, GradientAccumulationSteps = 1, MaxIters = 100, LearningRate = 1e-2, MinLr = 1e-3,
            WarmupIters = 10, EvalInterval = 1000, EvalIters = 1, Seed = 7, Threads = 1, Device = "cpu", GradClip = 1.0,
        };
        var checkpoint = Path.Combine(_root, "pretrained");
        double before;
        using (var model = new Transformer(args, seed: 1))
        using (var trainer = new Trainer(model, pretrainOptions))
        {
            var batches = new RowBatches(Rows(happy, vocabulary), 16);
            while (trainer.Iteration < pretrainOptions.MaxIters) trainer.Step(batches);
            trainer.SaveCheckpoint(checkpoint);
            before = HappyPreference(trainer, vocabulary, heldOutHappy, heldOutSad);
        }

        var finetuneOptions = FinetuneTraining.Apply(new FinetuneTraining { LearningRate = 5e-3 }, pretrainOptions,
            steps: 60);
        double after;
        using (var model = new Transformer(args, seed: 99)) // another init: the weights must come from the checkpoint
        using (var trainer = new Trainer(model, finetuneOptions))
        {
            trainer.StartFrom(checkpoint, keepOptimizer: false);
            Assert.Equal(0, trainer.Iteration);
            Assert.Equal(before, HappyPreference(trainer, vocabulary, heldOutHappy, heldOutSad), 5);
            var batches = new RowBatches(Rows(sad, vocabulary), 16);
            while (trainer.Iteration < finetuneOptions.MaxIters) trainer.Step(batches);
            after = HappyPreference(trainer, vocabulary, heldOutHappy, heldOutSad);
        }

        output.WriteLine($"happy preference (nats/token): {before:F4} before, {after:F4} after the fine-tune");
        Assert.True(before > 0.05,
            $"pretrained on happy stories, the model prefers happy endings by {before:F3} nats/token");
        Assert.True(after < before - 0.1,
            $"fine-tuned on sad stories the preference went from {before:F3} to {after:F3}");
        Assert.True(after < 0, $"after the fine-tune the model prefers sad endings: {after:F3}");
    }

    [Fact]
    public void FineTuneSchedule_WarmsUpAndDecaysOverTheFineTuneAlone()
    {
        var parent = new TrainingOptions
        {
            MaxIters = 5000, WarmupIters = 1000, LrDecayIters = 4000, LearningRate = 5e-4, MinLr = 5e-5,
            EvalInterval = 2000,
        };
        var options = FinetuneTraining.Apply(new FinetuneTraining { LearningRate = 1e-4 }, parent, steps: 200);
        var schedule = new LearningRateSchedule(options);

        Assert.Equal((200L, 20L, 200L, 200L),
            (options.MaxIters, options.WarmupIters, options.EffectiveLrDecayIters, options.EvalInterval));
        Assert.Equal(0, schedule.Get(0));
        Assert.Equal(1e-4, schedule.Get(20), 12);
        Assert.Equal(parent.MinLr, schedule.Get(200), 12);
        Assert.True(schedule.Get(110) < 1e-4 && schedule.Get(110) > parent.MinLr);
    }

    [Fact]
    public void StartFrom_KeepsTheParentsMoments_OnlyWhenAsked()
    {
        var args = new ModelArgs
        {
            Dim = 16, NLayers = 1, NHeads = 2, NKvHeads = 2, VocabSize = 40, MaxSeqLen = 16, MultipleOf = 8,
        };
        var options = new TrainingOptions
        {
            BatchSize = 4, GradientAccumulationSteps = 1, MaxIters = 4, LearningRate = 1e-2, WarmupIters = 0,
            Threads = 1, Seed = 3,
        };
        var batches = new Training.SeededBatchProvider(4, 16, 40);
        var checkpoint = Path.Combine(_root, "parent");
        using (var model = new Transformer(args, seed: 1))
        using (var trainer = new Trainer(model, options))
        {
            for (var i = 0; i < 4; i++) trainer.Step(batches);
            trainer.SaveCheckpoint(checkpoint);
        }

        float[] FirstStep(bool keep)
        {
            using var model = new Transformer(args, seed: 5);
            using var trainer = new Trainer(model, options with { WeightDecay = 0 });
            trainer.StartFrom(checkpoint, keep);
            trainer.Step(batches);
            using var weights = model.UniqueParameters().First().detach().cpu();
            return weights.data<float>().ToArray();
        }

        // Identical weights and batch: only the carried AdamW moments can make the first update differ.
        Assert.Equal(FirstStep(false), FirstStep(false));
        Assert.NotEqual(FirstStep(false), FirstStep(true));
    }

    /// <summary>
    /// The last <see cref="Words"/> lowercase words of each story: its ending, the sentence the dial sets.
    /// </summary>
    private static List<string[]> Stories(ulong seed, double happyShare, int count)
    {
        var generator = new SyntheticStoryGenerator(new SyntheticCorpusOptions
        {
            Seed = seed, Documents = count, HappyEndingShare = happyShare, MinSentences = 5, MaxSentences = 5,
            ProfanityRate = 0, OccupationShare = 0,
        });
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var words = WordTokenizer.Words(generator.Generate(i).Text).Select(w => w.ToLowerInvariant()).ToArray();
            return words[^Math.Min(Words, words.Length)..];
        })];
    }

    // Token 0 is the start of a row; words are 1..n.
    private static Dictionary<string, int> Vocabulary(IEnumerable<List<string[]>> corpora) =>
        corpora.SelectMany(c => c).SelectMany(w => w).Distinct().Order(StringComparer.Ordinal)
            .Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i + 1);

    private static long[][] Rows(List<string[]> stories, Dictionary<string, int> vocabulary) =>
        [.. stories.Where(s => s.Length == Words)
            .Select(s => s.Select(w => (long)vocabulary[w]).Prepend(0L).ToArray())];

    /// <summary>
    /// Mean loss on sad endings minus mean loss on happy endings: positive when happy text is likelier.
    /// </summary>
    private static double HappyPreference(Trainer trainer, Dictionary<string, int> vocabulary, List<string[]> happy,
        List<string[]> sad)
    {
        double Loss(List<string[]> stories)
        {
            var rows = Rows(stories, vocabulary);
            return trainer.EstimateLoss(_ => RowBatches.Batch(rows), 1);
        }
        return Loss(sad) - Loss(happy);
    }

    /// <summary>Step k's batch is rows [k·B, (k + 1)·B) of the corpus, cycled.</summary>
    private sealed class RowBatches(long[][] rows, int batchSize) : IBatchProvider
    {
        public TokenBatch GetTrainBatch(long iteration, int microStep) =>
            Batch([.. Enumerable.Range(0, batchSize)
                .Select(i => rows[(int)((iteration * batchSize + i) % rows.Length)])]);

        public TokenBatch GetEvalBatch(EvalSplit split, int index) => Batch(rows[..batchSize]);

        public static TokenBatch Batch(long[][] batch)
        {
            var t = batch[0].Length - 1;
            var inputs = batch.SelectMany(r => r[..t]).ToArray();
            var targets = batch.SelectMany(r => r[1..]).ToArray();
            return new TokenBatch(tensor(inputs, [batch.Length, t]), tensor(targets, [batch.Length, t]));
        }
    }
}
