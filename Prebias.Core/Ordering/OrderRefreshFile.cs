using System.Text.Json;

namespace Prebias.Core.Ordering;

/// <summary>
/// The weights' log of a <c>dynamic</c> order, <c>order.refreshes.json</c> next to <c>order.bin</c>: a JSON array of
/// <see cref="OrderRefresh"/>, rewritten atomically at each refresh before the order file grows, so a crash between
/// the two leaves an entry whose window the order lacks; <see cref="Read"/> drops those and the resumed run re-decides
/// them identically.
/// </summary>
public static class OrderRefreshFile
{
    public static string KeyFor(string orderKey) => Path.ChangeExtension(orderKey, ".refreshes.json");

    public static void Write(IReadOnlyList<OrderRefresh> refreshes, Stream stream) =>
        JsonSerializer.Serialize(stream, refreshes, JsonDefaults.Options);

    /// <param name="stream">The file's bytes.</param>
    /// <param name="orderLength">Positions in the order file; entries for windows beyond it are dropped.</param>
    public static List<OrderRefresh> Read(Stream stream, long orderLength)
    {
        var all = JsonSerializer.Deserialize<List<OrderRefresh>>(stream, JsonDefaults.Options) ?? [];
        return all.Where(r => r.WindowStart + r.WindowLength <= orderLength).OrderBy(r => r.Refresh).ToList();
    }
}
