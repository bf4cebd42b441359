using Prebias.Core.Experiments;
using System.Text.Json;
using Prebias.Core;
using Prebias.Core.Branches;
using Prebias.Core.Ordering;
using Prebias.Core.Validation;

namespace Prebias.Tests.Validation;

/// <summary>A branch request's own ranges (the API checks them before it looks for the parent's checkpoint).</summary>
public sealed class BranchSpecValidatorTests
{
    [Fact]
    public void Validate_NamesEveryOutOfRangeField()
    {
        var errors = BranchSpecValidator.Validate(new BranchSpec
        {
            FromStep = -1, Steps = 100_000_000,
            Transform = new FilterTransform { Metric = "sentiment", Min = double.NaN },
        }).ToDictionary();
        Assert.Equal(["fromStep", "steps", "transform.min"], errors.Keys.Order().ToArray());
    }

    [Fact]
    public void Validate_NamesTheOrderingField_WhenAnOrderingTransformIsOutOfRange()
    {
        var errors = BranchSpecValidator.Validate(new BranchSpec
        {
            FromStep = 4, Transform = new OrderingTransform { Ordering = new OrderingSpec { Buckets = 0 } },
        }).ToDictionary();
        Assert.Equal(["transform.ordering.buckets"], errors.Keys.ToArray());
    }

    [Fact]
    public void Validate_NamesEveryOutOfRangeField_OfAFineTune()
    {
        var errors = BranchSpecValidator.Validate(new BranchSpec
        {
            FromStep = 4,
            Transform = new FinetuneTransform
            {
                Steps = 0, Optimizer = "forget", Ordering = new OrderingSpec { Buckets = 0 },
                Training = new FinetuneTraining { LearningRate = 0, WarmupIters = -1, BatchSize = 5000 },
            },
        }).ToDictionary();
        Assert.Equal(["transform.datasetId", "transform.optimizer", "transform.ordering.buckets", "transform.steps",
            "transform.training.batchSize", "transform.training.learningRate", "transform.training.warmupIters"],
            errors.Keys.Order().ToArray());
    }

    [Fact]
    public void FineTuneTransform_ReadsBackFromItsJson_WithItsKind()
    {
        var json = """{"kind":"finetune","datasetId":"6a0c2c5e-2c7e-4a55-9a57-2b1f1f1f1f1f","steps":"""
            + """50,"optimizer":"keep","training":{"learningRate":0.0001}}""";
        var transform = Assert.IsType<FinetuneTransform>(
            JsonSerializer.Deserialize<BranchTransform>(json, JsonDefaults.Options));
        Assert.Equal((50L, true, 1e-4), (transform.Steps, transform.KeepsOptimizer, transform.Training!.LearningRate));
        Assert.Equal(FinetuneTransform.DefaultOrderSeed, transform.ResolvedOrdering().Seed);
        Assert.Contains("\"kind\":\"finetune\"",
            JsonSerializer.Serialize<BranchTransform>(transform, JsonDefaults.Options));
    }

    [Fact]
    public void Validate_AcceptsADefaultSwapGenderBranch()
    {
        Assert.Equal(0, BranchSpecValidator.Validate(new BranchSpec { FromStep = 4, Steps = 12 }).Count);
    }

    [Theory]
    [InlineData("""{"kind":"swap_gender"}""", typeof(SwapGenderTransform))]
    [InlineData("""{"kind":"filter","metric":"sentiment","min":0.5}""", typeof(FilterTransform))]
    [InlineData("""{"kind":"ordering","ordering":{"method":"sort_desc","metric":"sentiment"}}""", typeof(OrderingTransform))]
    public void BranchTransform_KeepsItsWireShape_WhenStoredAndReadBack(string json, Type type)
    {
        // The JSON stored with a branch run (and answered in its branchTransform) is the request's own.
        var transform = JsonSerializer.Deserialize<BranchTransform>(json, JsonDefaults.Options)!;
        Assert.IsType(type, transform);
        Assert.Equal(json, JsonSerializer.Serialize(transform, JsonDefaults.Options));
    }

    [Fact]
    public void BranchTransform_ReadsAnOldRow_ThatStoredNullFields()
    {
        var transform = JsonSerializer.Deserialize<BranchTransform>("""{"kind":"filter","metric":"sentiment","min":null,"max":1}""", JsonDefaults.Options);
        Assert.Equal(new FilterTransform { Metric = "sentiment", Max = 1 }, transform);
    }
}
