namespace Prebias.Core.Ordering;

/// <summary>The values of <see cref="OrderingSpec.Order"/>.</summary>
public static class OrderingDirections
{
    /// <summary>Low metric first (for a curriculum: low metric = easy). The default.</summary>
    public const string Asc = "asc";
    public const string Desc = "desc";

    public static IReadOnlyList<string> All { get; } = [Asc, Desc];
}
