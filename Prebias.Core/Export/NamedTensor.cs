namespace Prebias.Core.Export;

/// <summary>A tensor as plain row-major fp32 values with its name and shape, for files written without torch.</summary>
public sealed record NamedTensor(string Name, long[] Shape, float[] Values);
