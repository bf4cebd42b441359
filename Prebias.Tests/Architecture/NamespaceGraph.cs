using System.Text.RegularExpressions;

namespace Prebias.Tests.Architecture;

/// <summary>
/// Which of Core's top-level namespaces (<c>Prebias.Core.Runs</c>, <c>Prebias.Core.Evaluation</c>, ...) each one
/// names, read from the source: <c>using</c> directives, aliases, <c>using static</c> and fully qualified names all
/// count, because each is a compile-time dependency. Files in the root namespace <c>Prebias.Core</c> (the
/// <c>Common</c> folder) are visible everywhere without a <c>using</c>, so they are a node of their own, "Common".
/// </summary>
internal sealed partial class NamespaceGraph
{
    public const string Common = "Common";

    /// <summary>namespace → the namespaces it names → one file that names it (for the failure message).</summary>
    public Dictionary<string, Dictionary<string, string>> Edges { get; } = [];

    public static NamespaceGraph OfCore()
    {
        var files = SourceTree.CSharpFiles("Prebias.Core")
            .Select(path => (Path: Path.GetRelativePath(SourceTree.Root, path), Text: File.ReadAllText(path)))
            .ToList();
        var graph = new NamespaceGraph();
        foreach (var (path, text) in files)
        {
            if (DeclaredNamespace().Match(text) is not { Success: true } declared) continue;
            var from = TopLevel(declared.Groups[1].Value);
            var edges = graph.EdgesOf(from);
            foreach (Match reference in NamedNamespace().Matches(text))
            {
                var to = reference.Groups[1].Value;
                if (to != from && char.IsUpper(to[0])) edges.TryAdd(to, path);
            }
        }
        // Only namespaces that some file declares are nodes: "Prebias.Core.csproj" in a comment is not a namespace.
        foreach (var edges in graph.Edges.Values)
            foreach (var to in edges.Keys.Where(to => !graph.Edges.ContainsKey(to)).ToList()) edges.Remove(to);
        return graph;
    }

    /// <summary>The strongly connected components with more than one namespace: each is a cycle.</summary>
    public List<List<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<List<string>>();
        foreach (var node in Edges.Keys.Order())
            if (!index.ContainsKey(node)) Visit(node);
        return cycles;

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in Edges[node].Keys)
            {
                if (!index.ContainsKey(next)) { Visit(next); low[node] = Math.Min(low[node], low[next]); }
                else if (stack.Contains(next)) low[node] = Math.Min(low[node], index[next]);
            }
            if (low[node] != index[node]) return;
            var component = new List<string>();
            string member;
            do { member = stack.Pop(); component.Add(member); } while (member != node);
            if (component.Count > 1) cycles.Add([.. component.Order()]);
        }
    }

    public void Remove(string from, string to) => EdgesOf(from).Remove(to);

    private Dictionary<string, string> EdgesOf(string node)
    {
        if (!Edges.TryGetValue(node, out var edges)) Edges[node] = edges = [];
        return edges;
    }

    private static string TopLevel(string ns) =>
        ns == "Prebias.Core" ? Common : ns["Prebias.Core.".Length..].Split('.')[0];

    [GeneratedRegex(@"^namespace (Prebias\.Core(?:\.[\w.]+)?)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex DeclaredNamespace();

    [GeneratedRegex(@"(?<![\w.])Prebias\.Core\.(\w+)")]
    private static partial Regex NamedNamespace();
}
