using System.Text.Json.Serialization;
using Prebias.Core.Ordering;

namespace Prebias.Core.Branches;

/// <summary><c>ordering</c>: a new ordering of the train samples for the rest of training.</summary>
public sealed record OrderingTransform : BranchTransform
{
    public const string KindName = "ordering";

    [JsonIgnore]
    public override string Kind => KindName;

    public OrderingSpec? Ordering { get; init; }
}
