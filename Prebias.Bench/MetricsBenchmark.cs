using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Prebias.Core.Metrics;
using Prebias.Core.Metrics.Ngrams;

namespace Prebias.Bench;

/// <summary>
/// <c>bench metrics --input &lt;file.jsonl&gt; [--repeat N] [--threads T]</c>: scores every text metric for each
/// <c>{"story": ...}</c> line, N times over, on T threads (default: all cores), and prints throughput.
/// Lexicon loading and one warm-up pass are excluded from the timing. Last line: <c>stories_per_second: X</c>.
/// </summary>
public static class MetricsBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        string? input = null;
        var (repeat, threads) = (1, Environment.ProcessorCount);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--input": input = args[i + 1]; break;
                case "--repeat": repeat = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"Unknown option {args[i]}"); return 2;
            }
        }
        if (input is null || !File.Exists(input))
        {
            Console.Error.WriteLine("usage: bench metrics --input <file.jsonl> [--repeat N] [--threads T]");
            return 2;
        }

        var stories = await ReadStoriesAsync(input, ct);
        var corpus = Enumerable.Repeat(stories, repeat).SelectMany(s => s).ToList();
        var loading = Stopwatch.StartNew();
        // The input stories stand in for a train split, so oov_rate and ngram_perplexity are timed too.
        var builder = new KneserNeyTrigramBuilder();
        foreach (var story in stories) builder.AddText(story);
        var reference = builder.Build();
        Console.WriteLine($"3-gram reference model of {reference.WordCount} words built in {loading.Elapsed.TotalMilliseconds:F0} ms");
        loading.Restart();
        var scorer = new TextMetricsScorer(new TextMetricsOptions { MaxDegreeOfParallelism = threads }, reference: reference);
        Console.WriteLine($"lexicons loaded in {loading.Elapsed.TotalMilliseconds:F0} ms; {scorer.ColumnCount} metrics");
        scorer.ScoreBatch(stories, cancellationToken: ct); // warm-up: JIT, per-thread buffers

        var stopwatch = Stopwatch.StartNew();
        var matrix = scorer.ScoreBatch(corpus, cancellationToken: ct);
        stopwatch.Stop();

        var perSecond = corpus.Count / stopwatch.Elapsed.TotalSeconds;
        var means = MetricAggregates.Mean(matrix, scorer.ColumnCount);
        for (var c = 0; c < scorer.ColumnCount; c++)
            Console.WriteLine(FormattableString.Invariant($"  mean {scorer.Columns[c].Name,-32} {means[c],10:F4}"));
        Console.WriteLine(FormattableString.Invariant(
            $"{corpus.Count} stories ({stories.Count} x {repeat}) in {stopwatch.Elapsed.TotalSeconds:F3} s on {threads} thread(s)"));
        Console.WriteLine(FormattableString.Invariant($"stories_per_second_per_core: {perSecond / threads:F1}"));
        Console.WriteLine(FormattableString.Invariant($"stories_per_second: {perSecond:F1}"));
        return 0;
    }

    private static async Task<List<string>> ReadStoriesAsync(string path, CancellationToken ct)
    {
        var stories = new List<string>();
        foreach (var line in await File.ReadAllLinesAsync(path, ct))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("story", out var story) && story.GetString() is { } text) stories.Add(text);
        }
        return stories;
    }
}
