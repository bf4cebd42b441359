namespace Prebias.Core.Metrics;

/// <summary>A text metric's value from the features of one text (<see cref="TextMetricFormulas"/>).</summary>
internal delegate double TextFormula(in TextFeatures features);
