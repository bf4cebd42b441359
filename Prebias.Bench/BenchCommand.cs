namespace Prebias.Bench;

/// <summary>
/// <c>dotnet run -c Release --project Prebias.Bench -- &lt;what&gt; [options]</c>. Each benchmark prints its
/// figures and ends with one line <c>&lt;figure&gt;: &lt;number&gt;</c> that scripts can read.
/// </summary>
public static class BenchCommand
{
    private static readonly Dictionary<string, Func<string[], CancellationToken, Task<int>>> Benchmarks = new()
    {
        ["matmul"] = MatmulBench.RunAsync,
        ["metrics"] = MetricsBenchmark.RunAsync,
        ["tokenize"] = TokenizeBenchmark.RunAsync,
        ["corpora"] = CorporaBenchmark.RunAsync,
        ["imports"] = ImportFormatsBenchmark.RunAsync,
        ["copy"] = CopyBench.RunAsync,
        ["analysis"] = AnalysisBenchmark.RunAsync,
        ["ordering"] = OrderingBenchmark.RunAsync,
        ["plots"] = PlotsBenchmark.RunAsync,
        ["train"] = TrainBenchmark.RunAsync,
        ["concurrency"] = ConcurrencyBenchmark.RunAsync,
        ["experiment"] = ExperimentBenchmark.RunAsync,
        ["evaluation"] = EvaluationBenchmark.RunAsync,
        ["generate"] = GenerateBenchmark.RunAsync,
        ["export-hf"] = ExportHfBenchmark.RunAsync,
        ["dynamic"] = DynamicOrderBenchmark.RunAsync,
        ["pipeline"] = PipelineBenchmark.RunAsync,
        ["stacked"] = StackedTrainBenchmark.RunAsync,
        ["mixture"] = MixtureBenchmark.RunAsync,
    };

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var run))
        {
            Console.Error.WriteLine($"usage: bench <{string.Join('|', Benchmarks.Keys)}> [options]");
            return 2;
        }
        try
        {
            return await run(args[1..], ct);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"bench {args[0]}: {ex.Message}");
            return 2;
        }
    }
}
