namespace Prebias.Tests.Ordering;

/// <summary>Ten hand-made samples (ids 10..19) with known sentiment values, listed out of id order on purpose.</summary>
internal static class OrderingFixture
{
    // id: value — sorted ascending (ties by id): 16 11 18 13 17 10 14 15 12 19
    private static readonly (int Id, double Value)[] Samples =
    [
        (15, 0.7), (10, 0.5), (19, 0.95), (11, -0.2), (16, -0.8), (13, 0.1), (14, 0.5), (18, 0.0), (12, 0.9), (17, 0.3),
    ];

    public static int[] Ids => [.. Samples.Select(s => s.Id)];
    public static double[] Values => [.. Samples.Select(s => s.Value)];
    public const string Metric = "sentiment";
}
