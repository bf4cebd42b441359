using Prebias.Core.Validation;
using Prebias.Core.Runs;
using Prebias.Core.Experiments;
using Prebias.Core.Ordering;
using L = Prebias.Core.Validation.RequestLimits;

namespace Prebias.Core.Experiments;

/// <summary>
/// Checks a durability experiment before any of its runs is prepared, so errors name the experiment's own fields
/// (<c>orderings[1].buckets</c>, <c>seeds</c>) rather than one of the runs it would create.
/// </summary>
public static class DurabilitySpecValidator
{
    public static FieldErrors Validate(DurabilitySpec spec)
    {
        var errors = RunSpecValidator.ValidateTemplate(spec);

        errors.Items("orderings", spec.Orderings, 1, L.MaxOrderings);
        for (var i = 0; i < spec.Orderings.Count; i++) ValidateOrdering(spec.Orderings[i], $"orderings[{i}]", errors);
        ValidateOrdering(spec.BaselineOrdering, "baselineOrdering", errors);
        ValidateSeeds("seeds", spec.Seeds, errors);
        if (spec.InitSeeds is { } initSeeds) ValidateSeeds("initSeeds", initSeeds, errors);
        if (spec.OrderSeeds is { } orderSeeds) ValidateSeeds("orderSeeds", orderSeeds, errors);

        // Checked arithmetic: each factor is capped above, but the product is what costs training time.
        var runs = checked((long)(spec.Orderings.Count + 1) * spec.ResolvedInitSeeds().Count * spec.ResolvedOrderSeeds().Count);
        if (runs > L.MaxExperimentRuns)
            errors.Add("orderings", $"(orderings + 1) × initSeeds × orderSeeds is {runs} runs; at most {L.MaxExperimentRuns}.");
        errors.RangeExclusiveMin("saturationTolerance", spec.SaturationTolerance, 0, 1);
        errors.RangeExclusiveMin("equivalenceMargin", spec.EquivalenceMargin, 0, L.MaxEquivalenceMargin);
        if (spec.Finetune is { } finetune) BranchSpecValidator.ValidateFineTune(finetune, "finetune", errors);
        return errors;
    }

    /// <summary>One or more distinct seeds (each ordering is trained once per seed).</summary>
    public static void ValidateSeeds(string field, IReadOnlyList<long> seeds, FieldErrors errors)
    {
        errors.Items(field, seeds, 1, L.MaxSeeds);
        if (seeds.Distinct().Count() != seeds.Count) errors.Add(field, $"{field} must be distinct.");
    }

    private static void ValidateOrdering(OrderingSpec? ordering, string field, FieldErrors errors)
    {
        if (ordering is null) return; // reported by Items as field must not be null
        RunSpecValidator.ValidateOrdering(ordering, field, errors);
        if (ordering.Problems() is { Count: > 0 } problems) errors.Add(field, string.Join("; ", problems) + ".");
    }
}
