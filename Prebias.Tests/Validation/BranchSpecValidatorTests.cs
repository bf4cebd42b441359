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
            Transform = new BranchTransform { Kind = "filter", Metric = "sentiment", Min = double.NaN, Ordering = new OrderingSpec { Buckets = 0 } },
        }).ToDictionary();
        Assert.Equal(["fromStep", "steps", "transform.min", "transform.ordering.buckets"], errors.Keys.Order().ToArray());
    }

    [Fact]
    public void Validate_AcceptsADefaultSwapGenderBranch()
    {
        Assert.Equal(0, BranchSpecValidator.Validate(new BranchSpec { FromStep = 4, Steps = 12 }).Count);
    }
}
