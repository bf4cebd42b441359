using Prebias.Core.Branches;
using Prebias.Core.Ordering;
using Prebias.Core.Runs;

namespace Prebias.Core.Experiments;

/// <summary>
/// A durability experiment (<c>POST /api/experiments/durability</c>): every ordering and the baseline ordering, each
/// trained with every seed on the same data, model and training settings, then evaluated and compared.
/// </summary>
public sealed record DurabilitySpec : RunTemplate
{
    public IReadOnlyList<OrderingSpec> Orderings { get; init; } = [];

    /// <summary>The reference order (a seeded shuffle by default).</summary>
    public OrderingSpec BaselineOrdering { get; init; } = new();

    /// <summary>Init seeds, the older name of <see cref="InitSeeds"/> (used when that is not given). Three by
    /// default: below three seeds per group the comparison can only say "inconclusive".</summary>
    public IReadOnlyList<long> Seeds { get; init; } = [1, 2, 3];

    /// <summary>Initialisation seeds: each ordering is trained once per init seed (× order seed). Runs of different
    /// orderings with the same init seed start from the same weights and are compared as pairs.</summary>
    public IReadOnlyList<long>? InitSeeds { get; init; }

    /// <summary>Data-order seeds. Default: one, the first init seed, shared by every run, so only the initialisation
    /// varies between seeds; several give the baseline shuffle's order-seed spread.</summary>
    public IReadOnlyList<long>? OrderSeeds { get; init; }

    /// <summary><see cref="InitSeeds"/>, else <see cref="Seeds"/>.</summary>
    public IReadOnlyList<long> ResolvedInitSeeds() => InitSeeds ?? Seeds;

    /// <summary><see cref="OrderSeeds"/>, else the first init seed (empty when there is none).</summary>
    public IReadOnlyList<long> ResolvedOrderSeeds() => OrderSeeds ?? [.. ResolvedInitSeeds().Take(1)];

    /// <summary>Equivalence margin of the comparison's TOST, in seed SDs (default ±1).</summary>
    public double EquivalenceMargin { get; init; } = 1.0;

    /// <summary>Relative tolerance of the saturation point (default 5% of the final value).</summary>
    public double SaturationTolerance { get; init; } = 0.05;

    /// <summary>
    /// When given, every run is fine-tuned this way once all of them are trained (a <c>finetune</c> branch from its
    /// last checkpoint), and the comparison reports the order effect before and after fine-tuning.
    /// </summary>
    public FinetuneTransform? Finetune { get; init; }
}
