using Prebias.Core.Metrics;
using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;

namespace Prebias.Core.Evaluation;

/// <summary>
/// Generates from every prompt at once, greedily and with seeded temperature/top-k sampling (both modes in one batch,
/// KV cache, via <see cref="TokenGenerator"/>), decodes, and scores each continuation with every text metric.
/// Build one per evaluation job and reuse it: the <see cref="TextMetricsScorer"/> loads lexicons once.
/// </summary>
public sealed class GenerationEvaluator(TextMetricsScorer? scorer = null)
{
    public TextMetricsScorer Scorer { get; } = scorer ?? new TextMetricsScorer();

    public GenerationResult Run(Transformer model, ITextTokenizer tokenizer, EvaluationOptions options, CancellationToken ct = default)
    {
        options.Validate();
        var generations = Generate(model, tokenizer, options, ct);
        ct.ThrowIfCancellationRequested();
        var continuations = generations.Select(g => g.ContinuationText).ToList();
        var scores = Scorer.ScoreBatch(continuations, generations.Select(g => g.TokenCount).ToList(), cancellationToken: ct);
        var columns = Scorer.ColumnCount;
        var byMode = generations.Select(g => g.Mode).Distinct().ToDictionary(
            mode => mode,
            mode => MetricAggregates.Mean(scores, columns,
                Enumerable.Range(0, generations.Count).Where(i => generations[i].Mode == mode).ToArray()));
        return new GenerationResult(generations, Scorer.Columns, scores, MetricAggregates.Mean(scores, columns), byMode);
    }

    /// <summary>
    /// The generations alone: greedy for each prompt, then SamplesPerPrompt sampled ones per prompt, decoded as one
    /// batch (greedy rows first, then prompt i's samples as sampled rows i·S .. i·S + S − 1); the texts equal those
    /// of a greedy batch and a sampled batch decoded apart.
    /// </summary>
    public static IReadOnlyList<GeneratedText> Generate(Transformer model, ITextTokenizer tokenizer, EvaluationOptions options, CancellationToken ct = default)
    {
        var start = SequenceStart.Of(tokenizer);
        var prompts = options.Prompts.Select(p => (IReadOnlyList<int>)[start, .. tokenizer.Encode(p)]).ToList();
        var repeated = prompts.SelectMany(p => Enumerable.Repeat(p, options.SamplesPerPrompt)).ToList();
        var sampledRows = Enumerable.Range(prompts.Count, repeated.Count).ToArray();
        ct.ThrowIfCancellationRequested();
        var outputs = TokenGenerator.GenerateWithEnds(model, [.. prompts, .. repeated], new GenerationOptions
        {
            MaxNewTokens = options.MaxNewTokens, Temperature = options.Temperature, TopK = options.TopK,
            Seed = options.Seed, EosId = tokenizer.EosId,
        }, sampledRows);
        var results = prompts
            .Select((p, i) => Describe(tokenizer, options.Prompts[i], p, outputs[i], GeneratedText.Greedy, 0)).ToList();
        for (var row = 0; row < repeated.Count; row++)
        {
            var prompt = row / options.SamplesPerPrompt;
            results.Add(Describe(tokenizer, options.Prompts[prompt], repeated[row], outputs[prompts.Count + row],
                GeneratedText.Sample, row % options.SamplesPerPrompt));
        }
        return results;
    }

    private static GeneratedText Describe(ITextTokenizer tokenizer, string prompt, IReadOnlyList<int> promptTokens, GeneratedTokens output,
        string mode, int sampleIndex)
    {
        // A BOS inside the continuation starts a new story: llama2.c's run.c stops there (EOS is already cut by the generator).
        var generated = output.Ids;
        var bosAt = tokenizer.BosId is { } bos && bos != tokenizer.EosId ? Array.IndexOf(generated, bos) : -1;
        var kept = bosAt >= 0 ? generated[..bosAt] : generated;
        var promptText = tokenizer.Decode(promptTokens.Skip(1));
        var text = tokenizer.Decode(promptTokens.Skip(1).Concat(kept));
        // SentencePiece drops the leading "▁" of the first decoded piece, so decode the whole text and cut the prompt off.
        var continuation = text.StartsWith(promptText, StringComparison.Ordinal) ? text[promptText.Length..] : tokenizer.Decode(kept);
        return new GeneratedText(prompt, mode, text, continuation, kept.Length, sampleIndex, EndedWithEos: bosAt < 0 && output.EndedWithEos);
    }
}
