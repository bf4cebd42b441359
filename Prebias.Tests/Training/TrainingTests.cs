using Prebias.Core.Modeling;
using Prebias.Core.Training;
using TorchSharp;
using Prebias.Tests.Modeling;
using static TorchSharp.torch;

namespace Prebias.Tests.Training;

[Collection("Sequential")]
public class TrainingTests
{
    [Theory]
    [InlineData(0, 0.0)]       // warm-up starts at 0
    [InlineData(5, 5e-4)]      // 1e-3 · 5/10
    [InlineData(10, 1e-3)]     // end of warm-up: cosine at its top
    [InlineData(60, 5.5e-4)]   // half way: 1e-4 + 0.5·(1e-3 − 1e-4)
    [InlineData(110, 1e-4)]    // end of decay
    [InlineData(500, 1e-4)]    // afterwards: min_lr
    public void Get_FollowsWarmupThenCosine_AtIteration(long iteration, double expected)
    {
        var schedule = new LearningRateSchedule(new TrainingOptions
        {
            LearningRate = 1e-3, MinLr = 1e-4, WarmupIters = 10, LrDecayIters = 110,
        });
        Assert.Equal(expected, schedule.Get(iteration), 12);
    }

    [Fact]
    public void CreateAdamW_DecaysOnlyMatrices_WhenModelHasNorms()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 1);
        using var optimizer = OptimizerFactory.CreateAdamW(model, new TrainingOptions { WeightDecay = 0.1 });
        var groups = optimizer.ParamGroups.Cast<TorchSharp.Modules.AdamW.ParamGroup>().ToList();
        Assert.Equal(2, groups.Count);
        // 2 layers: 7 matrices each + the shared embedding = 15; 2 norms each + final norm = 5 vectors.
        Assert.Equal(15, groups[0].Parameters.Count());
        Assert.Equal(0.1, ((TorchSharp.Modules.AdamW.Options)groups[0].Options).weight_decay);
        Assert.Equal(5, groups[1].Parameters.Count());
        Assert.Equal(0.0, ((TorchSharp.Modules.AdamW.Options)groups[1].Options).weight_decay);
    }

    [Fact]
    public void Step_OverfitsOneBatch_WhenRepeated()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 1);
        using var trainer = new Trainer(model, new TrainingOptions
        {
            GradientAccumulationSteps = 1, LearningRate = 1e-2, DecayLr = false, WeightDecay = 0, Seed = 1, Threads = 1,
        });
        float first = 0, last = 0;
        for (var i = 0; i < 150; i++)
        {
            var result = trainer.Step(_ => ModelFixtures.RandomBatch(seed: 5, batch: 4, length: 16, vocab: 40));
            if (i == 0) first = result.Loss!.Value;
            last = result.Loss!.Value;
        }
        Assert.InRange(first, 3.3, 4.1); // ≈ ln 40 = 3.69 at initialisation
        Assert.True(last < 0.1, $"loss after 150 steps on one batch was {last}");
    }

    [Fact]
    public void Step_GivesIdenticalLosses_WhenSeedAndBatchesAreSame()
    {
        float[] Run()
        {
            using var model = new Transformer(ModelFixtures.Tiny with { Dropout = 0.1 }, seed: 3);
            using var trainer = new Trainer(model, ModelFixtures.ShortRun(4));
            var batches = new SeededBatchProvider(4, 16, 40);
            return Enumerable.Range(0, 4).Select(_ => trainer.Step(batches).Loss!.Value).ToArray();
        }
        var a = Run();
        Assert.Equal(a, Run());
        Assert.NotEqual(a[0], a[3]); // it did train
    }

    [Fact]
    public void Step_KeepsLiveTensorCountFlat_OverManySteps()
    {
        using var model = new Transformer(ModelFixtures.Tiny with { Dropout = 0.1 }, seed: 3);
        using var trainer = new Trainer(model, ModelFixtures.ShortRun(40));
        var batches = new SeededBatchProvider(4, 16, 40);
        for (var i = 0; i < 3; i++) trainer.Step(batches); // optimiser state is created on the first step
        var before = DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
        for (var i = 0; i < 30; i++) trainer.Step(batches);
        trainer.EstimateLoss(i => batches.GetEvalBatch(EvalSplit.Val, i), 3);
        Assert.Equal(before, DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Run_StepsToMaxItersAndEvaluatesAtIntervals_WhenNotCancelled()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 3);
        using var trainer = new Trainer(model, ModelFixtures.ShortRun(5) with { EvalInterval = 2 });
        var observer = new RecordingObserver();
        Assert.True(TrainingLoop.Run(trainer, new SeededBatchProvider(4, 16, 40), observer));
        Assert.Equal([0L, 1, 2, 3, 4], observer.Steps);
        Assert.Equal([0L, 2, 4, 5], observer.Evaluations); // every 2 steps (train.py includes 0) and at the end
    }

    private sealed class RecordingObserver : ITrainingObserver
    {
        public List<long> Steps { get; } = [];
        public List<long> Evaluations { get; } = [];
        public void OnStep(Trainer trainer, StepResult step) => Steps.Add(step.Iteration);
        public void OnEvaluation(Trainer trainer, EvalResult eval) => Evaluations.Add(eval.Iteration);
    }
}
