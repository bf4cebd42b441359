using System.Text.Json;
using Prebias.Core.Domain;
using Prebias.Core.Ordering;

namespace Prebias.Core.Runs;

/// <summary>
/// A run's resolved seeds. The init seed is <see cref="RunRecord.Seed"/>; the order seed is stored in the run's
/// ordering (<see cref="OrderingSpec.Seed"/>, which the order compiler already prefers to the run seed), so no column
/// is needed and a run made before the split (ordering seed unset) reads back with order = init, as it was trained.
/// </summary>
public sealed record RunSeeds(long Init, long Order)
{
    /// <summary>From a request: <c>seeds.init</c> / <c>seeds.order</c>, each falling back to <c>seed</c>.</summary>
    public static RunSeeds Resolve(RunSpec spec) => new(spec.Seeds?.Init ?? spec.Seed, spec.Seeds?.Order ?? spec.Ordering?.Seed ?? spec.Seed);

    /// <summary>
    /// The request with its seeds resolved for <see cref="RunSpecResolver"/>: <c>seed</c> becomes the init seed and the
    /// ordering carries the order seed (which the order compiler reads before the run seed). An explicit
    /// <c>seeds.order</c> that contradicts <c>ordering.seed</c> is an error.
    /// </summary>
    public static (RunSpec Spec, Dictionary<string, string[]> Errors) Apply(RunSpec spec)
    {
        var errors = new Dictionary<string, string[]>();
        if (spec.Seeds?.Order is { } order && spec.Ordering?.Seed is { } own && own != order)
            errors["seeds.order"] = [$"seeds.order {order} contradicts ordering.seed {own}; give one of them."];
        var seeds = Resolve(spec);
        return (spec with { Seed = seeds.Init, Ordering = (spec.Ordering ?? new OrderingSpec()) with { Seed = seeds.Order } }, errors);
    }

    public static RunSeeds Of(RunRecord run)
    {
        return new RunSeeds(run.Seed, run.Ordering.Seed ?? run.Seed);
    }
}
