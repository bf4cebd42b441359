using Prebias.Core.Datasets;
using Prebias.Core.Modeling;
using Prebias.Core.Training;
using static TorchSharp.torch;

namespace Prebias.Core.Evaluation;

/// <summary>
/// Per-sample perplexity (the model-based sample metric <c>perplexity</c>) and validation loss, batched, under
/// no_grad and eval(). A sample row is what the token store holds: BOS + tokens, then padding, with its real length;
/// position j predicts token j+1 for j + 1 &lt; length (as <c>OrderedBatchProvider</c> builds training targets), and a
/// row longer than max_seq_len + 1 is cut there. Rows are sorted by length before batching so that a batch's padding,
/// and its forward pass, stays short.
/// </summary>
public sealed class PerplexityEvaluator(Transformer model, int batchSize = 16)
{
    private const long Ignore = -1;

    public Transformer Model { get; } = model;

    /// <summary>One <see cref="SampleLoss"/> per row, in row order.</summary>
    /// <param name="rows">Token rows, BOS first; padding after the real length is ignored.</param>
    /// <param name="lengths">Real length of each row (BOS + tokens).</param>
    /// <param name="observe">Sees each batch's logits (B, T, V) and the row index of each b, so another part (k-word
    /// accuracy) can share the forward pass; the logits are freed after the call.</param>
    public SampleLoss[] Score(IReadOnlyList<IReadOnlyList<int>> rows, IReadOnlyList<int> lengths,
        CancellationToken ct = default, Action<Tensor, int[]>? observe = null)
    {
        if (rows.Count != lengths.Count) throw new ArgumentException("one length per row is required", nameof(lengths));
        var usable = lengths.Select((l, i) => Math.Min(Math.Min(l, rows[i].Count), Model.Args.MaxSeqLen + 1)).ToArray();
        var order = Enumerable.Range(0, rows.Count).OrderBy(i => usable[i]).ToArray();
        var results = new SampleLoss[rows.Count];
        WithEvalMode(() =>
        {
            for (var start = 0; start < order.Length; start += batchSize)
            {
                ct.ThrowIfCancellationRequested();
                var chunk = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
                ScoreChunk(rows, usable, chunk, results, observe);
            }
        });
        return results;
    }

    /// <summary>One <see cref="SampleLoss"/> per sample id of a token store (e.g. a chunk of the corpus for the
    /// <c>perplexity</c> column of sample_metrics), in id order.</summary>
    public SampleLoss[] Score(TokenStore tokens, IReadOnlyList<long> sampleIds, CancellationToken ct = default)
    {
        var rows = sampleIds.Select(id => (IReadOnlyList<int>)tokens.ReadTokens(id)).ToList();
        return Score(rows, rows.Select(r => r.Count).ToList(), ct);
    }

    /// <summary>Token-weighted loss over rows (e.g. the val split's rows from the token store); each row counts as a
    /// batch of one, so <see cref="ValidationLoss.BatchMeanLoss"/> is the mean per-sample NLL.</summary>
    public ValidationLoss Evaluate(IReadOnlyList<IReadOnlyList<int>> rows, IReadOnlyList<int> lengths,
        CancellationToken ct = default, Action<Tensor, int[]>? observe = null)
    {
        var losses = Score(rows, lengths, ct, observe).Where(l => l.Tokens > 0).ToList();
        var tokens = losses.Sum(l => (long)l.Tokens);
        var total = losses.Sum(l => l.MeanNll * l.Tokens);
        return new ValidationLoss(losses.Count, tokens, tokens == 0 ? double.NaN : total / tokens,
            losses.Count == 0 ? double.NaN : losses.Average(l => l.MeanNll));
    }

    /// <summary>
    /// Loss over the provider's first <paramref name="batchCount"/> val batches, the same batches the training loop's
    /// estimate_loss sees (<see cref="IBatchProvider.GetEvalBatch"/>), so the numbers are comparable.
    /// </summary>
    public ValidationLoss Evaluate(IBatchProvider batches, int batchCount, long ignoreIndex = Ignore, CancellationToken ct = default)
    {
        double total = 0, batchMeans = 0;
        long tokens = 0;
        WithEvalMode(() =>
        {
            for (var i = 0; i < batchCount; i++)
            {
                ct.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                using var batch = batches.GetEvalBatch(EvalSplit.Val, i);
                var targets = batch.Targets.to(Model.Device);
                var logits = Model.Forward(batch.Inputs.to(Model.Device)).Logits; // (B, T, V)
                var sum = nn.functional.cross_entropy(logits.view(-1, logits.shape[^1]), targets.view(-1),
                    ignore_index: ignoreIndex, reduction: nn.Reduction.Sum).to_type(ScalarType.Float64).item<double>();
                var count = targets.ne(ignoreIndex).sum().item<long>();
                total += sum;
                tokens += count;
                batchMeans += count == 0 ? 0 : sum / count;
            }
        });
        return new ValidationLoss(batchCount, tokens, tokens == 0 ? double.NaN : total / tokens,
            batchCount == 0 ? double.NaN : batchMeans / batchCount);
    }

    private void ScoreChunk(IReadOnlyList<IReadOnlyList<int>> rows, int[] usable, int[] chunk, SampleLoss[] results,
        Action<Tensor, int[]>? observe)
    {
        var length = chunk.Max(i => usable[i]) - 1; // T: inputs are the first length − 1 tokens
        if (length <= 0)
        {
            foreach (var i in chunk) results[i] = new SampleLoss(double.NaN, 0);
            return;
        }
        using var scope = NewDisposeScope();
        var inputs = new long[chunk.Length * length];
        var targets = new long[chunk.Length * length];
        Array.Fill(targets, Ignore);
        for (var b = 0; b < chunk.Length; b++)
        {
            var row = rows[chunk[b]];
            for (var t = 0; t < usable[chunk[b]] - 1; t++)
            {
                inputs[b * length + t] = row[t];
                targets[b * length + t] = row[t + 1];
            }
        }
        var device = Model.Device;
        var logits = Model.Forward(tensor(inputs, [chunk.Length, length], device: device)).Logits; // (B, T, V)
        observe?.Invoke(logits, chunk);
        var nll = nn.functional.cross_entropy(logits.view(-1, logits.shape[^1]).to_type(ScalarType.Float32),
                tensor(targets, device: device), ignore_index: Ignore, reduction: nn.Reduction.None) // (B·T), 0 where ignored
            .view(chunk.Length, length).to_type(ScalarType.Float64).sum(1).cpu().data<double>().ToArray(); // (B)
        for (var b = 0; b < chunk.Length; b++)
        {
            var count = Math.Max(usable[chunk[b]] - 1, 0);
            results[chunk[b]] = new SampleLoss(count == 0 ? double.NaN : nll[b] / count, count);
        }
    }

    private void WithEvalMode(Action action)
    {
        var wasTraining = Model.training;
        Model.eval();
        try
        {
            using var noGrad = no_grad();
            action();
        }
        finally
        {
            Model.train(wasTraining);
        }
    }
}
