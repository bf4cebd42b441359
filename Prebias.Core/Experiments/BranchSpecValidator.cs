using Prebias.Core.Validation;
using Prebias.Core.Runs;
using Prebias.Core.Branches;
using L = Prebias.Core.Validation.RequestLimits;

namespace Prebias.Core.Experiments;

/// <summary>The documented ranges of a branch request; whether the parent has the checkpoint is checked by the API.</summary>
public static class BranchSpecValidator
{
    public static FieldErrors Validate(BranchSpec spec)
    {
        var errors = new FieldErrors().MaxLength("name", spec.Name, L.NameChars)
            .Range("fromStep", spec.FromStep, 0, L.MaxIters)
            .Range("steps", spec.Steps, 1, L.MaxIters);
        switch (spec.Transform)
        {
            case FilterTransform filter:
                errors.MaxLength("transform.metric", filter.Metric, L.ShortTextChars)
                    .Range("transform.min", filter.Min, double.MinValue, double.MaxValue)
                    .Range("transform.max", filter.Max, double.MinValue, double.MaxValue);
                break;
            case OrderingTransform ordering:
                RunSpecValidator.ValidateOrdering(ordering.Ordering, "transform.ordering", errors);
                break;
        }
        return errors;
    }
}
