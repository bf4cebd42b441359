using Prebias.Core.Ordering;

namespace Prebias.Core.Runs;

/// <summary>A training run request (<c>POST /api/runs</c>).</summary>
public sealed record RunSpec : RunTemplate
{

    /// <summary>How the train samples are ordered into batches; a seeded shuffle by default.</summary>
    public OrderingSpec? Ordering { get; init; }

    /// <summary>Seeds the initialisation, dropout and the data order, unless <see cref="Seeds"/> sets them apart.</summary>
    public long Seed { get; init; } = 1337;

    /// <summary><c>{ init, order }</c>: separate seeds for the initial weights (and dropout) and for the data order;
    /// each one left out is <see cref="Seed"/>.</summary>
    public SeedsSpec? Seeds { get; init; }

    /// <summary>Evaluate every checkpoint as soon as it is written.</summary>
    public bool Evaluate { get; init; }
}
