namespace Prebias.Api.Swagger;

/// <summary>
/// A working example for every POST, by operation name: the request body, and the path parameters a route needs.
/// Ids come from <see cref="ExampleResources"/> (the newest ready corpus, tokenizer, dataset or trained run), so each
/// example works once the step before it has run; without one, the empty id reads as "put the id here".
/// </summary>
public static class RequestExamples
{
    /// <summary>The metric that the example run and experiment order by; the metrics example computes it.</summary>
    public const string OrderingMetric = "flesch_kincaid_grade";

    /// <param name="Body">The request body Swagger UI fills in.</param>
    /// <param name="PathParameters">Route values, by parameter name.</param>
    /// <param name="MoreBodies">Other bodies of the same operation, by name, offered next to <see cref="Body"/> in
    /// Swagger UI's example list (a corpus from a mixture of the ones made before).</param>
    public sealed record Example(object? Body, IReadOnlyDictionary<string, object> PathParameters,
        IReadOnlyDictionary<string, object>? MoreBodies = null);

    /// <summary>The name Swagger UI shows for <see cref="Example.Body"/> next to other bodies.</summary>
    public const string FirstBodyName = "default";

    public static Example? For(string operationId, ExampleResources ids)
    {
        var none = new Dictionary<string, object>();
        return operationId switch
        {
            "CreateCorpus" => new(new
            {
                name = "synthetic-stories",
                source = new
                {
                    kind = "synthetic", synthetic = new { seed = 7, documents = 2000, happyEndingShare = 0.6 },
                },
            }, none, new Dictionary<string, object> { ["mixture"] = Mixture(ids) }),
            "CreateTokenizer" => new(
                new { name = "bpe-512", kind = "train", corpusId = Id(ids.Corpus()), vocabSize = 512 }, none),
            "CreateDataset" => new(new
            {
                corpusId = Id(ids.Corpus()), tokenizerId = Id(ids.Tokenizer()),
                maxSeqLen = 256, valFraction = 0.05, seed = 1337,
            }, none),
            "ComputeSampleMetrics" => new(
                new { metrics = new[] { OrderingMetric, "sentiment", "vocabulary_diversity" } }, Path(ids.Dataset())),
            // Without a list every numeric and boolean attribute of the corpus is copied.
            "CopySampleAttributes" => new(new { attributes = Array.Empty<string>() }, Path(ids.Dataset())),
            "CreateRun" => new(new
            {
                name = "readability-ascending", datasetId = Id(ids.Dataset()),
                ordering = new { method = "sort_asc", metric = OrderingMetric },
                training = new { maxIters = 200 }, seed = 1,
            }, none),
            "CreateDurabilityExperiment" => new(new
            {
                name = "readability order", datasetId = Id(ids.Dataset()),
                orderings = new[]
                {
                    new { method = "sort_asc", metric = OrderingMetric },
                    new { method = "sort_desc", metric = OrderingMetric },
                },
                seeds = new[] { 1, 2, 3 }, training = new { maxIters = 200 },
                // Then every run is fine-tuned the same way and the comparison gives the effects before and after.
                finetune = new { datasetId = Id(ids.Dataset()), steps = 50, optimizer = "reset" },
            }, none),
            "CreateBranch" => Branch(ids),
            "EvaluateCheckpoints" => ids.RunWithCheckpoints() is var (evaluated, checkpoints)
                ? new(new { checkpoints = new[] { checkpoints[^1] } }, Path(evaluated))
                : new(new { checkpoints = new[] { 0L } }, Path(null)),
            "ComputeSamplePerplexity" => ids.RunWithCheckpoints() is var (run, steps)
                ? new(null, new Dictionary<string, object> { ["id"] = run, ["step"] = steps[^1] })
                : new(null, new Dictionary<string, object> { ["id"] = Guid.Empty, ["step"] = 0 }),
            "Encode" => new(new { text = "Once upon a time, there was a little girl." }, Path(ids.Tokenizer())),
            "Decode" => new(new { ids = new[] { 100, 200, 300 } }, Path(ids.Tokenizer())),
            "StartTorchDiagnostic" => new(new { matrixSize = 256, iterations = 5 }, none),
            _ => null,
        };
    }

    /// <summary>
    /// Fine-tune the newest trained run from its last checkpoint on its own dataset (any dataset with the same
    /// tokenizer will do), with a fresh optimiser and a lower peak learning rate.
    /// </summary>
    private static Example Branch(ExampleResources ids)
    {
        var (run, steps) = ids.RunWithCheckpoints() ?? (Guid.Empty, [0L]);
        var datasetId = Id(ids.DatasetOf(run));
        return new(new
        {
            fromStep = steps[^1],
            transform = new
            {
                kind = "finetune", datasetId, steps = 50, optimizer = "reset", training = new { learningRate = 1e-4 },
            },
        }, Path(run));
    }

    /// <summary>A 70/30 mixture of the two newest ready corpora (all of one, when there is only one).</summary>
    private static object Mixture(ExampleResources ids)
    {
        var corpora = ids.Corpora(2);
        var weights = new[] { 0.7, 0.3 };
        var parts = corpora.Count == 0
            ? new[] { new { corpusId = Guid.Empty, weight = 1.0 } }
            : corpora.Select((id, i) => new { corpusId = id, weight = corpora.Count == 1 ? 1.0 : weights[i] })
                .ToArray();
        return new { name = "mixture", source = new { kind = "mixture", parts, size = 2000, seed = 7 } };
    }

    private static Guid Id(Guid? id) => id ?? Guid.Empty;

    private static Dictionary<string, object> Path(Guid? id) => new() { ["id"] = Id(id) };
}
