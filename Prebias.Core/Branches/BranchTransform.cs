using System.Text.Json.Serialization;

namespace Prebias.Core.Branches;

/// <summary>
/// What a branch changes after its branch point, told apart on the wire by <c>kind</c>:
/// <c>swap_gender</c> (<see cref="SwapGenderTransform"/>), <c>filter</c> (<see cref="FilterTransform"/>) or
/// <c>ordering</c> (<see cref="OrderingTransform"/>) or <c>finetune</c> (<see cref="FinetuneTransform"/>).
/// The same JSON is stored with the branch run. A transform without
/// <c>kind</c> reads as this base type, which the branch launcher refuses naming <c>transform.kind</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SwapGenderTransform), SwapGenderTransform.KindName)]
[JsonDerivedType(typeof(FilterTransform), FilterTransform.KindName)]
[JsonDerivedType(typeof(OrderingTransform), OrderingTransform.KindName)]
[JsonDerivedType(typeof(FinetuneTransform), FinetuneTransform.KindName)]
public record BranchTransform
{
    /// <summary>The wire name of the transform (the <c>kind</c> discriminator), empty when none was given.</summary>
    [JsonIgnore]
    public virtual string Kind => "";
}
