using System.Text.Json.Serialization;

namespace Prebias.Core.Branches;

/// <summary>
/// <c>filter</c>: drop samples whose <see cref="Metric"/> is outside [<see cref="Min"/>, <see cref="Max"/>].
/// </summary>
public sealed record FilterTransform : BranchTransform
{
    public const string KindName = "filter";

    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>A sample metric computed for the parent's dataset.</summary>
    public string? Metric { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
}
