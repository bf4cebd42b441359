using System.Diagnostics;
using Prebias.Core.Analysis;
using Prebias.Core.Domain;
using Prebias.Core.Evaluation.InContext;
using Prebias.Core.Evaluation.Results;
using Prebias.Core.Metrics;
using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;
using Prebias.Core.Training;

namespace Prebias.Core.Evaluation;

/// <summary>
/// Evaluates one loaded checkpoint (llama2.c-style sampling plus the probes): generations scored with every text metric,
/// bias probes, validation loss on the val split, embedding PCA and layer similarity. Input-side metrics come from the
/// caller (they need the ledger, not the model).
/// </summary>
public sealed class CheckpointEvaluator(ITextTokenizer tokenizer, EvaluationOptions options, TextMetricsScorer scorer)
{
    public EvaluationResults Evaluate(Guid runId, long step, Transformer model, string checkpointDirectory,
        IReadOnlyList<IReadOnlyList<int>> valRows, IReadOnlyList<int> valLengths,
        IReadOnlyDictionary<string, double?> inputWindow, IReadOnlyDictionary<string, double?> inputCumulative,
        CancellationToken ct, EvaluationPartTimer? parts = null)
    {
        var clock = Stopwatch.StartNew();
        parts ??= new EvaluationPartTimer();
        // Every part reuses the one loaded model; each is timed under its own name.
        var generated = parts.Time("generations", () => new GenerationEvaluator(scorer).Run(model, tokenizer, options, ct));
        ct.ThrowIfCancellationRequested();
        var bias = parts.Time("bias_probes", () => new BiasProbe(options.Probe).Run(model, tokenizer));
        var (val, accuracy) = valRows.Count == 0 ? (null, null)
            : ValLossAndAccuracy(model, valRows, valLengths, parts, ct);
        // The parts that write a file into the checkpoint are done once the manifest records their file (a redelivered
        // job, or one that failed after them, skips them); their result depends only on the checkpoint's weights.
        var written = CheckpointFolder.ReadManifest(checkpointDirectory)?.Files ?? new Dictionary<string, string>();
        if (!written.ContainsKey(CheckpointFolder.InContext))
            parts.Time("in_context", () => InContextEvaluation
                .Evaluate(model, SequenceStart.Of(tokenizer), valRows, valLengths).Write(checkpointDirectory));
        var explained = RepresentationsWritten(checkpointDirectory, written)
            ?? parts.Time("representations", () => WriteRepresentations(model, checkpointDirectory));

        var metrics = generated.Metrics.Select((m, i) => new CheckpointMetricRecord
        {
            RunId = runId, Step = step, Metric = m.Name,
            InputWindow = inputWindow.GetValueOrDefault(m.Name), InputCumulative = inputCumulative.GetValueOrDefault(m.Name),
            Output = double.IsFinite(generated.Mean[i]) ? generated.Mean[i] : null,
        }).ToList();
        if (accuracy is not null) metrics.AddRange(accuracy.ToRecords(runId, step));
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
            ExplainedVariance1 = explained[0], ExplainedVariance2 = explained[1],
            Seconds = clock.Elapsed.TotalSeconds, CreatedAt = DateTimeOffset.UtcNow,
        };
        return new EvaluationResults(evaluation, metrics, generations, scores);
    }

    /// <summary>
    /// Val loss and k-word accuracy from one forward pass per batch (k-word accuracy reads the val loss's logits when
    /// the rows fit its row cap). The batches stay at <see cref="EvaluationOptions.PerplexityBatchSize"/> rows sorted
    /// by length: one batch of all 128 val rows pads every row to the longest and measured slower, not faster.
    /// </summary>
    private (ValidationLoss, KWordAccuracy) ValLossAndAccuracy(Transformer model,
        IReadOnlyList<IReadOnlyList<int>> valRows, IReadOnlyList<int> valLengths, EvaluationPartTimer parts,
        CancellationToken ct)
    {
        var kWord = new KWordAccuracyEvaluator(model, KWordAccuracyEvaluator.WordStarts(tokenizer),
            options.PerplexityBatchSize);
        var perplexity = new PerplexityEvaluator(model, options.PerplexityBatchSize);
        if (valRows.Count > KWordAccuracyEvaluator.MaxRows)
            return (parts.Time("val_loss", () => perplexity.Evaluate(valRows, valLengths, ct)),
                parts.Time("k_word_accuracy", () => kWord.Evaluate(valRows, valLengths, ct)));
        var tally = new KWordAccuracy.Tally();
        var val = parts.Time("val_loss", () => perplexity.Evaluate(valRows, valLengths, ct,
            (logits, chunk) => kWord.Add(logits, valRows, valLengths, chunk, tally)));
        return (val, tally.Result());
    }

    /// <summary>The explained variance ratios of a finished representations part, or null when it must run.</summary>
    private static double[]? RepresentationsWritten(string checkpointDirectory,
        IReadOnlyDictionary<string, string> written)
    {
        if (!written.ContainsKey(CheckpointFolder.Embeddings)) return null;
        var hasAttention = File.Exists(Path.Combine(checkpointDirectory, CheckpointFolder.AttentionWeights));
        if (hasAttention && !written.ContainsKey(CheckpointFolder.Layers)) return null;
        return CheckpointViews.ReadEmbeddings(checkpointDirectory)?.ExplainedVarianceRatio;
    }

    /// <summary>Embedding PCA and the layer similarity of the attention probe, as views beside the checkpoint; returns
    /// the PCA's explained variance ratios.</summary>
    private double[] WriteRepresentations(Transformer model, string checkpointDirectory)
    {
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
        return embeddings.ExplainedVarianceRatio;
    }

    /// <summary>An early model can emit byte-fallback pieces such as &lt;0x00&gt;; Postgres text cannot hold NUL.</summary>
    private static string Storable(string text) => text.Contains('\0') ? text.Replace('\0', '\uFFFD') : text;
}
