using System.Text.Json;

namespace Prebias.Core.Ordering;

/// <summary>
/// The weights' log of a <c>dynamic</c> order, <c>order.refreshes.json</c> next to <c>order.bin</c>: a JSON array of
/// <see cref="OrderRefresh"/>, rewritten atomically at each refresh before the order file grows, so a crash between
/// the two leaves an entry whose window the order lacks; <see cref="Load"/> drops those and the resumed run re-decides
/// them identically.
/// </summary>
public static class OrderRefreshFile
{
    public static string PathFor(string orderPath) => Path.ChangeExtension(orderPath, ".refreshes.json");

    public static void Save(IReadOnlyList<OrderRefresh> refreshes, string path)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(refreshes, JsonDefaults.Options));
        File.Move(temp, path, overwrite: true);
    }

    /// <param name="orderLength">Positions in the order file; entries for windows beyond it are dropped.</param>
    public static List<OrderRefresh> Load(string path, long orderLength)
    {
        if (!File.Exists(path)) return [];
        var all = JsonSerializer.Deserialize<List<OrderRefresh>>(File.ReadAllBytes(path), JsonDefaults.Options) ?? [];
        return all.Where(r => r.WindowStart + r.WindowLength <= orderLength).OrderBy(r => r.Refresh).ToList();
    }
}
