namespace Prebias.Tests.Architecture;

/// <summary>
/// Core's top-level namespaces form a directed acyclic graph, so each feature can be read, tested and changed
/// with only the features below it in mind. The picture is in <c>Prebias.Core/README.md</c>.
/// </summary>
public sealed class NamespaceDependencyTests
{
    /// <summary>
    /// Edges tolerated while a cycle is being taken apart: each entry names a known edge so the test stays green in
    /// the meantime; delete the entry in the commit that breaks the cycle. Empty today.
    /// </summary>
    private static readonly (string From, string To)[] Tolerated = [];

    [Fact]
    public void CoreNamespaces_HaveNoCycles()
    {
        var graph = NamespaceGraph.OfCore();
        foreach (var (from, to) in Tolerated) graph.Remove(from, to);

        var cycles = graph.Cycles();

        Assert.True(cycles.Count == 0, "Namespace cycles in Prebias.Core:\n" + string.Join("\n", cycles.Select(cycle =>
            string.Join(", ", cycle.SelectMany(from => graph.Edges[from]
                .Where(edge => cycle.Contains(edge.Key))
                .Select(edge => $"{from} → {edge.Key} ({edge.Value})"))))));
    }

    [Fact]
    public void CommonNamespace_NamesNoFeature()
    {
        var graph = NamespaceGraph.OfCore();

        Assert.Empty(graph.Edges[NamespaceGraph.Common]);
    }

    [Fact]
    public void Cycles_AreFound_WhenTwoNamespacesNameEachOther()
    {
        var graph = new NamespaceGraph();
        graph.Edges["A"] = new() { ["B"] = "a.cs" };
        graph.Edges["B"] = new() { ["C"] = "b.cs" };
        graph.Edges["C"] = new() { ["A"] = "c.cs" };
        graph.Edges["D"] = new() { ["A"] = "d.cs" };

        Assert.Equal([["A", "B", "C"]], graph.Cycles());
    }

    [Fact]
    public void TheToleratedEdges_StillExist()
    {
        var graph = NamespaceGraph.OfCore();

        // A tolerated edge that no longer exists must leave the list, or it would hide a new cycle.
        Assert.All(Tolerated, edge => Assert.True(graph.Edges[edge.From].ContainsKey(edge.To), $"{edge} is gone"));
    }
}
