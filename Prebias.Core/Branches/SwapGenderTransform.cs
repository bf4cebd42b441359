using System.Text.Json.Serialization;

namespace Prebias.Core.Branches;

/// <summary>
/// <c>swap_gender</c>: the same samples as the parent's continuation with gendered words swapped (he↔she, his↔her,
/// boy↔girl, ...), re-tokenized on the fly.
/// </summary>
public sealed record SwapGenderTransform : BranchTransform
{
    public const string KindName = "swap_gender";

    [JsonIgnore]
    public override string Kind => KindName;
}
