namespace Prebias.Core.Plots;

/// <summary>One ordering's values of a metric: one row per seed, one value per checkpoint (NaN = not evaluated).</summary>
public sealed record OrderingSeeds(string Ordering, IReadOnlyList<IReadOnlyList<double>> Seeds);
