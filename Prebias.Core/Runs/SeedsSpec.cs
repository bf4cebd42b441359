namespace Prebias.Core.Runs;

/// <summary>
/// The <c>seeds</c> object of a run request: <see cref="Init"/> seeds the initial weights and dropout (the torch
/// generator), <see cref="Order"/> the data order (shuffles, curriculum draws), so init noise and order noise can be
/// told apart (Pythia's weight-seed and data-seed runs). A missing one falls back to the run's <c>seed</c>.
/// </summary>
public sealed record SeedsSpec
{
    public long? Init { get; init; }
    public long? Order { get; init; }
}
