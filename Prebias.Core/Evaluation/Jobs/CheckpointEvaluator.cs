using System.Diagnostics;
using Prebias.Core.Analysis;
using Prebias.Core.Domain;
using Prebias.Core.Evaluation.InContext;
using Prebias.Core.Evaluation.Results;
using Prebias.Core.Metrics;
using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;

namespace Prebias.Core.Evaluation.Jobs;

/// <summary>
/// Evaluates one loaded checkpoint (the original's eval.py plus the probes): generations scored with every text metric,
/// bias probes, validation loss on the val split, embedding PCA and layer similarity. Input-side metrics come from the
/// caller (they need the ledger, not the model).
/// </summary>
public sealed class CheckpointEvaluator(ITextTokenizer tokenizer, EvaluationOptions options, TextMetricsScorer scorer)
{
    public EvaluationResults Evaluate(Guid runId, long step, Transformer model, string checkpointDirectory,
        IReadOnlyList<IReadOnlyList<int>> valRows, IReadOnlyList<int> valLengths,
        IReadOnlyDictionary<string, double?> inputWindow, IReadOnlyDictionary<string, double?> inputCumulative, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var generated = new GenerationEvaluator(scorer).Run(model, tokenizer, options, ct);
        ct.ThrowIfCancellationRequested();
        var bias = new BiasProbe(options.Probe).Run(model, tokenizer);
        var val = valRows.Count > 0 ? new PerplexityEvaluator(model, options.PerplexityBatchSize).Evaluate(valRows, valLengths, ct) : null;

        InContextEvaluation.Evaluate(model, SequenceStart.Of(tokenizer), valRows, valLengths).Write(checkpointDirectory);
        var embeddings = RepresentationAnalyzer.EmbeddingPca(model, tokenizer);
        CheckpointViews.Write(checkpointDirectory, CheckpointViews.EmbeddingsFile, new EmbeddingView(embeddings.ExplainedVarianceRatio,
            [.. embeddings.Points.Take(4096).Select(p => new EmbeddingPoint(p.Id, p.Piece, p.X, p.Y))]));
        if (CheckpointViews.ReadAttention(checkpointDirectory) is { } attention)
        {
            var (l, h, t) = ((int)attention.Shape[0], (int)attention.Shape[1], (int)attention.Shape[2]);
            var flat = AttentionLayerSimilarity.Compute(attention.Weights, l, h, t);
            CheckpointViews.Write(checkpointDirectory, CheckpointViews.LayersFile,
                new LayerView(l, [.. Enumerable.Range(0, l).Select(i => flat.AsSpan(i * l, l).ToArray())]));
        }

        var metrics = generated.Metrics.Select((m, i) => new CheckpointMetricRecord
        {
            RunId = runId, Step = step, Metric = m.Name,
            InputWindow = inputWindow.GetValueOrDefault(m.Name), InputCumulative = inputCumulative.GetValueOrDefault(m.Name),
            Output = double.IsFinite(generated.Mean[i]) ? generated.Mean[i] : null,
        }).ToList();
        var generations = generated.Generations.Select((g, i) => new GenerationRecord
        {
            RunId = runId, Step = step, Index = i, Prompt = g.Prompt, Mode = g.Mode, Text = Storable(g.Text), TokenCount = g.TokenCount,
        }).ToList();
        var scores = new List<BiasScoreRecord>();
        void Add(string probe, string subject, double score)
        {
            if (double.IsFinite(score)) scores.Add(new BiasScoreRecord { RunId = runId, Step = step, Probe = probe, Subject = subject, Score = score });
        }
        foreach (var pronoun in bias.Pronouns)
        {
            foreach (var s in pronoun.Scores) Add(pronoun.Name, s.Occupation, s.Adjusted);
            Add(pronoun.Name, "_mean", pronoun.MeanAdjusted);
            Add(pronoun.Name, "_stereotype_lean", pronoun.StereotypeLean);
        }
        Add("minimal_pairs", "_all", bias.MinimalPairScore.Score);

        var evaluation = new EvaluationRecord
        {
            RunId = runId, Step = step, ValLoss = val?.MeanLoss, ValPerplexity = val?.Perplexity,
            ExplainedVariance1 = embeddings.ExplainedVarianceRatio[0], ExplainedVariance2 = embeddings.ExplainedVarianceRatio[1],
            Seconds = clock.Elapsed.TotalSeconds, CreatedAt = DateTimeOffset.UtcNow,
        };
        return new EvaluationResults(evaluation, metrics, generations, scores);
    }

    /// <summary>An early model can emit byte-fallback pieces such as &lt;0x00&gt;; Postgres text cannot hold NUL.</summary>
    private static string Storable(string text) => text.Contains('\0') ? text.Replace('\0', '\uFFFD') : text;
}
