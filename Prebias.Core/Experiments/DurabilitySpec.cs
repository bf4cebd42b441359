using Prebias.Core.Ordering;
using Prebias.Core.Runs;

namespace Prebias.Core.Experiments;

/// <summary>
/// A durability experiment (<c>POST /api/experiments/durability</c>): every ordering and the baseline ordering, each
/// trained with every seed on the same data, model and training settings, then evaluated and compared.
/// </summary>
public sealed record DurabilitySpec
{
    public string? Name { get; init; }
    public Guid DatasetId { get; init; }
    public ModelSpec? Model { get; init; }
    public TrainingSpec? Training { get; init; }
    public IReadOnlyList<OrderingSpec> Orderings { get; init; } = [];

    /// <summary>The reference order (a seeded shuffle by default).</summary>
    public OrderingSpec BaselineOrdering { get; init; } = new();

    /// <summary>Seeds: each ordering is trained once per seed; the seed spread is the noise an order effect is compared with.</summary>
    public IReadOnlyList<long> Seeds { get; init; } = [1, 2];

    /// <summary>Relative tolerance of the saturation point (default 5% of the final value).</summary>
    public double SaturationTolerance { get; init; } = 0.05;
}
