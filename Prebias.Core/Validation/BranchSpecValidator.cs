using Prebias.Core.Branches;
using L = Prebias.Core.Validation.RequestLimits;

namespace Prebias.Core.Validation;

/// <summary>The documented ranges of a branch request; whether the parent has the checkpoint is checked by the API.</summary>
public static class BranchSpecValidator
{
    public static FieldErrors Validate(BranchSpec spec)
    {
        var errors = new FieldErrors().MaxLength("name", spec.Name, L.NameChars)
            .Range("fromStep", spec.FromStep, 0, L.MaxIters)
            .Range("steps", spec.Steps, 1, L.MaxIters)
            .MaxLength("transform.kind", spec.Transform.Kind, L.ShortTextChars)
            .MaxLength("transform.metric", spec.Transform.Metric, L.ShortTextChars)
            .Range("transform.min", spec.Transform.Min, double.MinValue, double.MaxValue)
            .Range("transform.max", spec.Transform.Max, double.MinValue, double.MaxValue);
        RunSpecValidator.ValidateOrdering(spec.Transform.Ordering, "transform.ordering", errors);
        return errors;
    }
}
