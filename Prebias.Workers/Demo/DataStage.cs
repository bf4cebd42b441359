using System.Text.Json;

namespace Prebias.Workers.Demo;

/// <summary>
/// Demo stages 1–2: a synthetic corpus with dialled attributes → a 512-piece BPE vocabulary trained on it → a
/// pretokenized dataset → every sample scored. Prints counts, the metric summary and the most/least positive stories.
/// </summary>
public static class DataStage
{
    public static async Task RunAsync(PrebiasClient client, DemoContext demo, CancellationToken ct)
    {
        Console.WriteLine("== Corpus, vocabulary, dataset ==");
        (demo.CorpusId, var corpusJob) = await client.PostAsync("api/corpora", new
        {
            name = "demo-synthetic",
            source = new { kind = "synthetic", synthetic = new { seed = 42, documents = 4000, happyEndingShare = 0.6, profanityRate = 0.05 } },
        }, ct);
        (demo.TokenizerId, var tokenizerJob) = await client.PostAsync("api/tokenizers", new { kind = "train", corpusId = demo.CorpusId, vocabSize = 512 }, ct);
        (demo.DatasetId, var datasetJob) = await client.PostAsync("api/datasets",
            new { corpusId = demo.CorpusId, tokenizerId = demo.TokenizerId, maxSeqLen = 256, valFraction = 0.05, seed = 1337 }, ct);
        await client.WaitForJobAsync(corpusJob, "corpus", ct);
        await client.WaitForJobAsync(tokenizerJob, "tokenizer", ct);
        await client.WaitForJobAsync(datasetJob, "dataset", ct);

        var corpus = await client.GetAsync($"api/corpora/{demo.CorpusId}", ct);
        var tokenizer = await client.GetAsync($"api/tokenizers/{demo.TokenizerId}", ct);
        var dataset = await client.GetAsync($"api/datasets/{demo.DatasetId}", ct);
        Console.WriteLine($"  corpus {demo.CorpusId}: {corpus.GetProperty("documentCount").GetInt32():N0} documents, {corpus.GetProperty("bytes").GetInt64():N0} bytes");
        Console.WriteLine($"  tokenizer {demo.TokenizerId}: {tokenizer.GetProperty("vocabSize").GetInt32()} pieces (BPE, byte fallback)");
        Console.WriteLine($"  dataset {demo.DatasetId}: {dataset.GetProperty("sampleCount").GetInt32():N0} samples " +
                          $"({dataset.GetProperty("trainCount").GetInt32():N0} train, {dataset.GetProperty("valCount").GetInt32():N0} val, " +
                          $"{dataset.GetProperty("truncatedCount").GetInt32():N0} truncated), {dataset.GetProperty("tokenCount").GetInt64():N0} tokens");

        Console.WriteLine("== Sample metrics ==");
        var (_, metricsJob) = await client.PostAsync($"api/datasets/{demo.DatasetId}/metrics", new { }, ct);
        await client.WaitForJobAsync(metricsJob, "metrics", ct);
        PrintSummary(await client.GetAsync($"api/datasets/{demo.DatasetId}/metrics/summary", ct));
        foreach (var (label, order) in new[] { ("most positive", "desc"), ("least positive", "asc") })
        {
            var page = await client.GetAsync($"api/datasets/{demo.DatasetId}/samples?sort=sentiment&order={order}&limit=1", ct);
            var item = page.GetProperty("items")[0];
            Console.WriteLine($"  {label} (sentiment {item.GetProperty("metrics").GetProperty("sentiment").GetDouble():F3}): " +
                              item.GetProperty("preview").GetString()!.ReplaceLineEndings(" "));
        }
    }

    private static void PrintSummary(JsonElement summary)
    {
        Console.WriteLine($"  {"metric",-32}{"mean",10}{"std",10}{"min",10}{"median",10}{"max",10}");
        foreach (var row in summary.EnumerateArray())
            Console.WriteLine($"  {row.GetProperty("metric").GetString(),-32}{Num(row, "mean"),10}{Num(row, "std"),10}{Num(row, "min"),10}{Num(row, "median"),10}{Num(row, "max"),10}");
    }

    private static string Num(JsonElement row, string name) =>
        row.GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble().ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
