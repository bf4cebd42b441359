namespace Prebias.Core.Analysis;

/// <summary>One run's value of a metric (or the mean of the runs that share an initialisation seed), keyed by the
/// initialisation seed: runs with the same key started from the same weights, so they are compared as pairs.</summary>
public readonly record struct SeedValue(long InitSeed, double Value);
