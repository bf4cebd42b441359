using System.Text.Json;
using Prebias.Core.Storage;

namespace Prebias.Core.Ordering;

/// <summary>
/// The weights' log of a <c>dynamic</c> order, <c>order.refreshes.json</c> next to <c>order.bin</c>: a JSON array of
/// <see cref="OrderRefresh"/>, rewritten atomically at each refresh before the order file grows, so a crash between
/// the two leaves an entry whose window the order lacks; <see cref="Load"/> drops those and the resumed run re-decides
/// them identically.
/// </summary>
public static class OrderRefreshFile
{
    public static string KeyFor(string orderKey) => Path.ChangeExtension(orderKey, ".refreshes.json");

    public static void Save(IArtifactStore store, string orderKey, IReadOnlyList<OrderRefresh> refreshes) =>
        store.WriteAtomic(KeyFor(orderKey), stream => JsonSerializer.Serialize(stream, refreshes, JsonDefaults.Options));

    /// <param name="orderLength">Positions in the order file; entries for windows beyond it are dropped.</param>
    public static List<OrderRefresh> Load(IArtifactStore store, string orderKey, long orderLength)
    {
        var key = KeyFor(orderKey);
        if (!store.Exists(key)) return [];
        using var stream = store.OpenRead(key);
        var all = JsonSerializer.Deserialize<List<OrderRefresh>>(stream, JsonDefaults.Options) ?? [];
        return all.Where(r => r.WindowStart + r.WindowLength <= orderLength).OrderBy(r => r.Refresh).ToList();
    }
}
