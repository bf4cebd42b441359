using Prebias.Core.Ordering;

namespace Prebias.Core.Storage;

/// <summary>
/// A run's order files in the artifact store: <c>order.bin</c> (<see cref="OrderFile"/> owns its bytes) and, for a
/// dynamic order, <c>order.refreshes.json</c> (<see cref="OrderRefreshFile"/>), each written atomically.
/// </summary>
public static class OrderArtifacts
{
    public static void SaveOrder(this IArtifactStore store, string orderKey, CompiledOrder order) =>
        store.WriteAtomic(orderKey, stream => OrderFile.Write(order, stream));

    /// <inheritdoc cref="OrderFile.Load(string)"/>
    public static CompiledOrder LoadOrder(this IArtifactStore store, string orderKey)
    {
        using var stream = store.OpenRead(orderKey);
        return OrderFile.Read(stream, orderKey);
    }

    public static void SaveOrderRefreshes(this IArtifactStore store, string orderKey,
        IReadOnlyList<OrderRefresh> refreshes) =>
        store.WriteAtomic(OrderRefreshFile.KeyFor(orderKey), stream => OrderRefreshFile.Write(refreshes, stream));

    /// <summary>The refresh log of a dynamic order (empty when there is none yet).</summary>
    /// <param name="orderLength">Positions in the order file; entries for windows beyond it are dropped.</param>
    public static List<OrderRefresh> LoadOrderRefreshes(this IArtifactStore store, string orderKey, long orderLength)
    {
        var key = OrderRefreshFile.KeyFor(orderKey);
        if (!store.Exists(key)) return [];
        using var stream = store.OpenRead(key);
        return OrderRefreshFile.Read(stream, orderLength);
    }
}
