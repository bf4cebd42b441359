using Prebias.Core.Modeling;
using Prebias.Core.Runs;
using Prebias.Core.Torch;
using Prebias.Core.Training;
using Prebias.Core.Validation;

namespace Prebias.Tests.Validation;

/// <summary>Products of a resolved run configuration, which no single field's range bounds.</summary>
public sealed class RunSpecValidatorTests
{
    [Fact]
    public void EstimatedParameters_IsLlama2cCount_ForStories15m()
    {
        // llama2.c's stories15M: 6 × (4 · 288² attention + 3 · 288 · 768 feed-forward + 2 · 288 norms) + 32000 · 288 + 288.
        Assert.Equal(15_191_712, RunSpecValidator.EstimatedParameters(ModelPresets.Get("stories15m")));
    }

    [Fact]
    public void Resolve_RejectsOrderLongerThanTheCap_WhenMaxItersTimesBatchIsHuge()
    {
        // Every field in range, the product 10^7 × 4096 is 41 billion order positions (160 GB of int32).
        var (_, _, _, errors) = Resolve(new TrainingSpec { MaxIters = RequestLimits.MaxIters, BatchSize = RequestLimits.MaxBatchSize });
        Assert.Contains("order positions", Assert.Single(errors["training.maxIters"]));
    }

    [Fact]
    public void ValidateOrderPositions_ReportsOverflow_InsteadOfWrapping()
    {
        var errors = new FieldErrors();
        RunSpecValidator.ValidateOrderPositions("steps", long.MaxValue - 1, 4096, 1024, errors);
        Assert.Contains("overflows", errors.ToDictionary()["steps"][0]);
    }

    [Fact]
    public void Resolve_RejectsMicroBatch_WhenBatchTimesContextIsTooLarge()
    {
        var (_, _, _, errors) = Resolve(new TrainingSpec { BatchSize = 4096, MaxIters = 10 }, new ModelSpec { MaxSeqLen = 65_536 });
        Assert.Contains("tokens per micro-batch", Assert.Single(errors["training.batchSize"]));
    }

    [Fact]
    public void Resolve_RejectsModel_WhenItWouldHaveMoreThanABillionParameters()
    {
        var (_, _, _, errors) = Resolve(new TrainingSpec { MaxIters = 10 }, new ModelSpec { Dim = 8192, NLayers = 128, NHeads = 64, NKvHeads = 64 });
        Assert.Contains("parameters", Assert.Single(errors["model"]));
    }

    [Fact]
    public void Resolve_AcceptsTheDemoRun()
    {
        var (model, training, _, errors) = Resolve(new TrainingSpec { MaxIters = 200, BatchSize = 32 });
        Assert.Empty(errors);
        Assert.Equal(201L * 32, training.SamplesNeeded);
        Assert.Equal(64, model.Dim);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1e-9)]
    public void Range_RejectsNaNInfinityAndOutOfRange(double value)
    {
        var errors = new FieldErrors().Range("training.weightDecay", value, 0, 10);
        Assert.True(errors.Has("training.weightDecay"));
    }

    private static (ModelArgs, ResolvedTraining, Prebias.Core.Ordering.OrderingSpec, Dictionary<string, string[]>) Resolve(TrainingSpec training, ModelSpec? model = null) =>
        RunSpecResolver.Resolve(new RunSpec { Training = training, Model = model }, vocabSize: 512, datasetSeqLen: 128, new TorchOptions());
}
