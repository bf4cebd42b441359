namespace Prebias.Core.Lifecycle;

/// <summary>
/// The kinds of resource a job works on, as stored in <c>jobs.resource_kind</c>. Each names the table whose row holds
/// the resource's lifecycle state.
/// </summary>
public static class ResourceKind
{
    public const string Corpus = "corpus";
    public const string Tokenizer = "tokenizer";
    public const string Dataset = "dataset";
    public const string Run = "run";
    public const string Experiment = "experiment";

    public static readonly IReadOnlyList<string> All = [Corpus, Tokenizer, Dataset, Run, Experiment];

    /// <summary>The table of a kind: a constant per kind, never user input, so it can be put into SQL.</summary>
    public static string TableOf(string kind) => kind switch
    {
        Corpus => "corpora",
        Tokenizer => "tokenizers",
        Dataset => "datasets",
        Run => "runs",
        Experiment => "experiments",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown resource kind."),
    };
}
