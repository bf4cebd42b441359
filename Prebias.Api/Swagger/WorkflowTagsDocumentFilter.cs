using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Prebias.Api.Swagger;

/// <summary>
/// Sections in the order a user works through them, each with one line on what it is for. Routes that serve a
/// step from another group (sample metrics, checkpoint views) are shown under that step.
/// </summary>
public sealed class WorkflowTagsDocumentFilter : IDocumentFilter
{
    public static readonly IReadOnlyList<(string Name, string Description)> Workflow =
    [
        ("Corpora", "1. Import your documents (JSONL, JSON, text, a URL, TinyStories) or generate a synthetic corpus."),
        ("Tokenizers", "2. Train a BPE vocabulary on a corpus, or load a sentencepiece model."),
        ("Datasets", "3. Tokenize a corpus into fixed-length samples with stable ids and a train/val split."),
        ("Metrics", "4. Score every sample with text metrics; browse and summarise the scores."),
        ("Runs", "5. Train a llama2.c model in a batch order chosen by a metric: checkpoints, losses, the ledger."),
        ("Evaluations", "6. What each checkpoint learned: generations, output metrics, bias probes, representations."),
        ("Experiments", "7. Orderings against a shuffled baseline over several seeds, and the verdict per metric."),
        ("Branches", "8. Interventions: continue a run from a checkpoint with changed data."),
        ("Jobs", "Every POST starts a job: poll it, list jobs, cancel one."),
        ("Cards", "Data and model cards (Markdown with YAML front matter, in Hugging Face's format)."),
        ("Content ids", "Resolve a content id (sha256 of a resource's bytes and its parents' ids) to its resource."),
        ("Exports", "A checkpoint for Hugging Face transformers, a run's curves for TensorBoard."),
        ("Diagnostics", "Checks of the machine (torch proof job)."),
    ];

    /// <summary>Groups shown under another step's tag.</summary>
    private static readonly Dictionary<string, string> Merged = new()
    {
        ["Sample metrics"] = "Metrics",
        ["Checkpoint views"] = "Evaluations",
        ["Evaluation"] = "Evaluations",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var order = Workflow.Select(t => t.Name).ToList();
        int Rank(string? tag) => order.IndexOf(tag ?? "") is var i and >= 0 ? i : order.Count;
        string? TagOf(IOpenApiPathItem item) =>
            item.Operations?.Values.SelectMany(o => o.Tags?.AsEnumerable() ?? []).Select(t => t.Name).FirstOrDefault();

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            if (operation.Tags is not { Count: > 0 } tags) continue;
            var names = tags.Select(t => t.Name is { } n && Merged.TryGetValue(n, out var merged) ? merged : t.Name)
                .Distinct().ToList();
            operation.Tags = new HashSet<OpenApiTagReference>(names.Select(n => new OpenApiTagReference(n!, document)));
        }
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags?.AsEnumerable() ?? []).Select(t => t.Name).ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(Workflow.Where(t => used.Contains(t.Name))
            .Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));

        var paths = new OpenApiPaths();
        var ordered = document.Paths.Select((p, i) => (Path: p, Index: i))
            .OrderBy(x => Rank(TagOf(x.Path.Value))).ThenBy(x => x.Index).Select(x => x.Path);
        foreach (var (path, item) in ordered) paths.Add(path, item);
        document.Paths = paths;
    }
}
