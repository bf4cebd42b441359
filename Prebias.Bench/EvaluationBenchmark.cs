using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Prebias.Core.Evaluation;
using Prebias.Core.Evaluation.Association;
using Prebias.Core.Evaluation.InContext;
using Prebias.Core.Metrics;
using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;
using Prebias.Workers;
using static TorchSharp.torch;

namespace Prebias.Bench;

/// <summary>
/// <c>bench evaluation --input &lt;file.jsonl&gt; [--preset stories260k] [--vocab 512] [--samples 512] [--threads 0]
/// [--samples-per-prompt 1] [--tokens 200]</c>: the cost of one checkpoint evaluation on a model of the
/// preset's shape with a vocabulary trained on the stories: generations (default prompts, greedy + sampled), their
/// text metrics, the bias probes, per-sample perplexity of <c>--samples</c> stories, embedding PCA and attention /
/// layer similarity; then the parts added since, each timed alone: k-word accuracy and the in-context scores (ICL
/// score and induction heads) on the same stories, and PMI between the gender sets and the sentiment and occupation
/// sets on the generations and on a ledger window of <c>--window</c> stories (default 800, 50 steps of batch 16).
/// Also times the val loss + k-word accuracy and the generations as evaluation ran them before (separate forwards,
/// separate greedy and sampled batches) against now, back to back (<c>val_loss_speedup</c>, <c>generation_speedup</c>).
/// The model is randomly initialised: an untrained model never stops early, so generation always runs the full
/// <c>--tokens</c>, the worst case. Last line: <c>evaluation_seconds: X</c> (all parts).
/// </summary>
public static class EvaluationBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var options = new CommandArgs(args);
        var input = options.Require("input");
        var preset = options.Get("preset") ?? "stories260k";
        var vocab = options.GetInt("vocab", 512);
        var sampleCount = options.GetInt("samples", 512);
        var threads = options.GetInt("threads", 0);
        if (threads > 0) set_num_threads(threads);
        var evaluation = new EvaluationOptions
        {
            SamplesPerPrompt = options.GetInt("samples-per-prompt", 1), MaxNewTokens = options.GetInt("tokens", 200),
        };

        var stories = File.ReadLines(input).Select(StoryOf).OfType<string>().ToList();
        var work = Directory.CreateTempSubdirectory("prebias-bench-eval-");
        try
        {
            var tokenizer = TextTokenizers.LoadSentencePiece(
                await new SentencePieceTrainer().TrainAsync(stories, vocab, Path.Combine(work.FullName, "tok"), ct));
            using var model = new Transformer(ModelPresets.Get(preset) with { VocabSize = tokenizer.VocabSize }, seed: 1);
            Console.WriteLine($"model {preset}: {model.ParameterCount:N0} parameters, vocab {tokenizer.VocabSize}, threads {get_num_threads()}");
            var scorer = new TextMetricsScorer(); // lexicons load once per job, outside the timings

            var total = Stopwatch.StartNew();
            var (generations, generationSeconds) = Timed("generation", () => GenerationEvaluator.Generate(model, tokenizer, evaluation, ct));
            var tokens = generations.Sum(g => g.TokenCount);
            Console.WriteLine($"  {generations.Count} generations, {tokens} tokens");
            Time("output metrics", () => scorer.ScoreBatch(generations.Select(g => g.ContinuationText).ToList(), cancellationToken: ct));
            var probe = Time("bias probe", () => new BiasProbe(evaluation.Probe).Run(model, tokenizer));
            Console.WriteLine($"  she_he stereotype lean {probe["she_he"].StereotypeLean:F3}, minimal pairs {probe.MinimalPairScore.Score:F3}");
            var rows = stories.Take(sampleCount).Select(s => (IReadOnlyList<int>)[tokenizer.BosId ?? 0, .. tokenizer.Encode(s)]).ToList();
            var lengths = rows.Select(r => r.Count).ToList();
            var loss = Time($"perplexity ({rows.Count} samples)", () =>
                new PerplexityEvaluator(model, evaluation.PerplexityBatchSize).Evaluate(rows, lengths, ct));
            Console.WriteLine($"  {loss.Tokens} tokens, mean loss {loss.MeanLoss:F3}");
            CompareValLoss(model, tokenizer, evaluation, rows, lengths, ct);
            CompareGeneration(model, tokenizer, evaluation);
            Time("embedding pca", () => RepresentationAnalyzer.EmbeddingPca(model, tokenizer));
            Time("attention + layer similarity", () => RepresentationAnalyzer.LayerSimilarity(RepresentationAnalyzer.ProbeAttention(model, tokenizer)));
            var before = total.Elapsed.TotalSeconds;

            // The word-start table is built inside the timing, as the evaluation job builds it per checkpoint.
            var (_, kWord) = Timed("k-word accuracy", () => new KWordAccuracyEvaluator(model,
                KWordAccuracyEvaluator.WordStarts(tokenizer), evaluation.PerplexityBatchSize)
                .Evaluate(rows, lengths, ct));
            var (_, inContext) = Timed("in-context (ICL score + induction heads)",
                () => InContextEvaluation.Evaluate(model, SequenceStart.Of(tokenizer), rows, lengths));
            var window = stories.Take(options.GetInt("window", 800)).ToList();
            var (_, pmi) = Timed($"pmi ({generations.Count} generations + a {window.Count}-story window)", () =>
                AssociationQuery.Rows(0, "generations", [.. generations.Select(g => g.ContinuationText)], PmiPairs,
                    AssociationSets.Named, seed: 1).Concat(
                    AssociationQuery.Rows(0, "data", window, PmiPairs, AssociationSets.Named, seed: 1)).ToList());
            var seconds = total.Elapsed.TotalSeconds;
            Console.WriteLine($"generation tokens_per_second: {tokens / Math.Max(generationSeconds, 1e-9):F1}");
            Console.WriteLine(Figure("base_evaluation_seconds", before));
            Console.WriteLine(Figure("k_word_accuracy_seconds_per_checkpoint", kWord));
            Console.WriteLine(Figure("in_context_seconds_per_checkpoint", inContext));
            Console.WriteLine(Figure("pmi_seconds_per_checkpoint", pmi));
            Console.WriteLine(Figure("k_word_and_pmi_over_base", (kWord + pmi) / before));
            Console.WriteLine(Figure("in_context_over_base", inContext / before));
            Console.WriteLine($"evaluation_seconds: {seconds.ToString("F3", CultureInfo.InvariantCulture)}");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The val loss and k-word accuracy parts as evaluation ran them before (two forwards per row batch of
    /// <see cref="EvaluationOptions.PerplexityBatchSize"/>) against now (one shared forward per batch), and one batch
    /// of all rows, back to back on the same rows.
    /// </summary>
    private static void CompareValLoss(Transformer model, ITextTokenizer tokenizer, EvaluationOptions evaluation,
        List<IReadOnlyList<int>> rows, List<int> lengths, CancellationToken ct)
    {
        var kWord = new KWordAccuracyEvaluator(model, KWordAccuracyEvaluator.WordStarts(tokenizer),
            evaluation.PerplexityBatchSize);
        var (apart, apartSeconds) = Timed("val loss + k-word accuracy, two forwards (before)", () =>
            (new PerplexityEvaluator(model, evaluation.PerplexityBatchSize).Evaluate(rows, lengths, ct),
                kWord.Evaluate(rows, lengths, ct)));
        var tally = new KWordAccuracy.Tally();
        var (shared, sharedSeconds) = Timed("val loss + k-word accuracy, one forward (now)", () =>
            new PerplexityEvaluator(model, evaluation.PerplexityBatchSize).Evaluate(rows, lengths, ct,
                (logits, chunk) => kWord.Add(logits, rows, lengths, chunk, tally)));
        var (_, oneBatchSeconds) = Timed($"val loss, one batch of {rows.Count} rows", () =>
            new PerplexityEvaluator(model, rows.Count).Evaluate(rows, lengths, ct));
        Console.WriteLine($"  mean loss {apart.Item1.MeanLoss:F6} / {shared.MeanLoss:F6}, "
            + $"top-1 {apart.Item2.Top1:F4} / {tally.Result().Top1:F4}");
        Console.WriteLine(Figure("val_loss_before_seconds", apartSeconds));
        Console.WriteLine(Figure("val_loss_after_seconds", sharedSeconds));
        Console.WriteLine(Figure("val_loss_speedup", apartSeconds / Math.Max(sharedSeconds, 1e-9)));
        Console.WriteLine(Figure("val_loss_one_batch_seconds", oneBatchSeconds));
    }

    /// <summary>
    /// The generations as evaluation decoded them before (a greedy batch, then a sampled batch) against now (one
    /// batch with both modes), back to back; prints whether the ids are identical.
    /// </summary>
    private static void CompareGeneration(Transformer model, ITextTokenizer tokenizer, EvaluationOptions evaluation)
    {
        var start = SequenceStart.Of(tokenizer);
        var prompts = evaluation.Prompts.Select(p => (IReadOnlyList<int>)[start, .. tokenizer.Encode(p)]).ToList();
        var repeated = prompts.SelectMany(p => Enumerable.Repeat(p, evaluation.SamplesPerPrompt)).ToList();
        var options = new GenerationOptions
        {
            MaxNewTokens = evaluation.MaxNewTokens, Temperature = evaluation.Temperature, TopK = evaluation.TopK,
            Seed = evaluation.Seed, EosId = tokenizer.EosId,
        };
        var (apart, apartSeconds) = Timed("generation, greedy and sampled batches apart (before)", () =>
            TokenGenerator.GenerateWithEnds(model, prompts, options with { Temperature = 0 })
                .Concat(TokenGenerator.GenerateWithEnds(model, repeated, options)).ToList());
        var (together, togetherSeconds) = Timed("generation, one batch with both modes (now)", () =>
            TokenGenerator.GenerateWithEnds(model, [.. prompts, .. repeated], options,
                Enumerable.Range(prompts.Count, repeated.Count).ToArray()));
        var same = apart.Zip(together).Count(p => p.First.Ids.SequenceEqual(p.Second.Ids));
        Console.WriteLine($"  ids identical: {same}/{apart.Count}");
        Console.WriteLine(Figure("generation_before_seconds", apartSeconds));
        Console.WriteLine(Figure("generation_after_seconds", togetherSeconds));
        Console.WriteLine(Figure("generation_speedup", apartSeconds / Math.Max(togetherSeconds, 1e-9)));
    }

    /// <summary>The dashboard's PMI view: each gender set against the sentiment sets and the occupations.</summary>
    private static readonly (string A, string B)[] PmiPairs =
        [.. new[] { "gender_female", "gender_male" }.SelectMany(a =>
            new[] { "afinn_positive", "afinn_negative", "occupations" }.Select(b => (a, b)))];

    private static string Figure(string name, double value) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}: {value:F3}");

    private static T Time<T>(string name, Func<T> work) => Timed(name, work).Result;

    private static (T Result, double Seconds) Timed<T>(string name, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        var result = work();
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{name}: {seconds:F3} s");
        return (result, seconds);
    }

    private static string? StoryOf(string line)
    {
        if (string.IsNullOrWhiteSpace(line)) return null;
        using var document = JsonDocument.Parse(line);
        return document.RootElement.TryGetProperty("story", out var story) || document.RootElement.TryGetProperty("text", out story)
            ? story.GetString()
            : null;
    }
}
