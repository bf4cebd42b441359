using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Prebias.Core.Datasets;
using Prebias.Core.Tokenization;

namespace Prebias.Bench;

/// <summary>
/// <c>bench tokenize (--tokenizer &lt;.model&gt; | --train-vocab N) --input &lt;file.jsonl&gt; [--repeat N] [--threads T]
/// [--max-seq-len L] [--one-line] [--compare-spm]</c>: pretokenizes the stories (JSONL, field "story" or "text") into a temporary token
/// store with <see cref="Pretokenizer"/> and prints stories/s and, last, <c>tokens_per_second</c>.
/// <c>--one-line</c> replaces each story's newlines with spaces (what spm_encode, which is line-based, sees);
/// <c>--compare-spm</c> implies it, runs <c>spm_encode --output_format=id</c> as T processes on T slices of the same
/// lines, and checks that every line's ids agree exactly. <c>--train-vocab N</c> first trains an N-piece vocabulary on
/// the input stories with spm_train and llama2.c's options (<see cref="SentencePieceTrainer"/>) into a temp folder.
/// </summary>
public static class TokenizeBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var options = TokenizeBenchmarkArgs.Parse(args);
        var inputPath = options.Required("--input");
        var repeat = options.Int("--repeat", 1);
        var threads = options.Int("--threads", Environment.ProcessorCount);
        var maxSeqLen = options.Int("--max-seq-len", 256);
        var compare = options.Flag("--compare-spm");
        var oneLine = compare || options.Flag("--one-line");

        var stories = ReadStories(inputPath, oneLine);
        var trainVocab = options.Int("--train-vocab", 0);
        var vocabDirectory = trainVocab > 0 ? Directory.CreateTempSubdirectory("prebias-bench-vocab-").FullName : null;
        var modelPath = vocabDirectory is not null
            ? await new SentencePieceTrainer().TrainAsync(ReadStories(inputPath, oneLine: false), trainVocab,
                Path.Combine(vocabDirectory, $"tok{trainVocab}"), ct)
            : options.Required("--tokenizer");
        var documents = Enumerable.Repeat(stories, repeat).SelectMany(s => s).ToList();
        var megabytes = documents.Sum(d => (long)System.Text.Encoding.UTF8.GetByteCount(d)) / 1e6;
        var tokenizer = SentencePieceTextTokenizer.Load(modelPath);
        Console.WriteLine($"documents: {documents.Count} ({megabytes:F1} MB), vocab {tokenizer.VocabSize}, threads {threads}, "
            + $"exact encoder: {tokenizer.UsesExactBpeEncoder}");

        var storePath = Path.Combine(Path.GetTempPath(), $"prebias-bench-{Guid.NewGuid():N}.bin");
        try
        {
            var pretokenizer = new Pretokenizer(tokenizer, new PretokenizeOptions { Threads = threads, MaxSeqLen = maxSeqLen, TrimText = !oneLine });
            pretokenizer.Run(stories.Take(200), storePath, ct: ct); // warm-up (JIT, word cache)
            var clock = Stopwatch.StartNew();
            var result = pretokenizer.Run(documents, storePath, ct: ct);
            var seconds = clock.Elapsed.TotalSeconds;
            var tokensPerSecond = result.TotalTokens / seconds;
            Console.WriteLine($"prebias: {result.SampleCount} stories, {result.TotalTokens} tokens (BOS included) in {seconds:F2} s");
            Console.WriteLine($"stories_per_second: {result.SampleCount / seconds:F1}");

            if (compare)
            {
                var spm = await SpmEncodeComparison.RunAsync(modelPath, documents, threads, tokenizer, ct);
                // Compare like with like: spm_encode emits no BOS, so count text tokens only on our side too.
                var ourTextTokensPerSecond = (result.TotalTokens - result.SampleCount) / seconds;
                Console.WriteLine($"spm_encode: {spm.Tokens} tokens in {spm.Seconds:F2} s = {spm.Tokens / spm.Seconds:F0} tokens/s "
                    + $"({threads} processes)");
                Console.WriteLine($"prebias text tokens/s (no BOS): {ourTextTokensPerSecond:F0}; speedup {ourTextTokensPerSecond / (spm.Tokens / spm.Seconds):F2}x");
                Console.WriteLine($"id agreement: {spm.MatchingLines}/{documents.Count} lines identical"
                    + (spm.FirstMismatch is { } m ? $"; first mismatch at line {m}" : ""));
            }
            Console.WriteLine($"tokens_per_second: {tokensPerSecond.ToString("F1", CultureInfo.InvariantCulture)}");
            return 0;
        }
        finally
        {
            File.Delete(storePath);
            if (vocabDirectory is not null) Directory.Delete(vocabDirectory, recursive: true);
        }
    }

    private static List<string> ReadStories(string path, bool oneLine)
    {
        var stories = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var json = JsonDocument.Parse(line);
            var text = (json.RootElement.TryGetProperty("story", out var s) ? s : json.RootElement.GetProperty("text")).GetString() ?? "";
            stories.Add(oneLine ? text.Trim().Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ') : text);
        }
        return stories;
    }
}
