using Prebias.Core.Modeling;
using Prebias.Core.Tokenization;
using static TorchSharp.torch;

namespace Prebias.Core.Evaluation;

/// <summary>
/// Measures <see cref="KWordAccuracy"/> of a model on validation rows (BOS + tokens, real lengths), batched under
/// no_grad and eval() like <see cref="PerplexityEvaluator"/>: position j predicts token j+1. Only the top five ids
/// per position leave the device, never the logits.
/// </summary>
/// <param name="startsWord">Per token id: whether it begins a word (<see cref="WordStarts"/>).</param>
public sealed class KWordAccuracyEvaluator(Transformer model, IReadOnlyList<bool> startsWord, int batchSize = 16)
{
    /// <summary>Rows scored at most, so the part's cost per checkpoint stays bounded whatever the val split's size.</summary>
    public const int MaxRows = 256;

    private const int K = 5;

    /// <summary>Which ids of a tokenizer begin a word, from their pieces.</summary>
    public static bool[] WordStarts(ITextTokenizer tokenizer) =>
        [.. Enumerable.Range(0, tokenizer.VocabSize).Select(id => KWordAccuracy.StartsWord(tokenizer.IdToPiece(id)))];

    public KWordAccuracy Evaluate(IReadOnlyList<IReadOnlyList<int>> rows, IReadOnlyList<int> lengths, CancellationToken ct)
    {
        var tally = new KWordAccuracy.Tally();
        var count = Math.Min(rows.Count, MaxRows);
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            for (var start = 0; start < count; start += batchSize)
            {
                ct.ThrowIfCancellationRequested();
                var chunk = Enumerable.Range(start, Math.Min(batchSize, count - start)).ToArray();
                ScoreChunk(rows, lengths, chunk, tally);
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        return tally.Result();
    }

    private void ScoreChunk(IReadOnlyList<IReadOnlyList<int>> rows, IReadOnlyList<int> lengths, int[] chunk,
        KWordAccuracy.Tally tally)
    {
        var usable = chunk.Select(i => Usable(rows, lengths, i)).ToArray();
        var length = usable.Max() - 1; // T
        if (length <= 0) return;
        using var scope = NewDisposeScope();
        var inputs = new long[chunk.Length * length];
        for (var b = 0; b < chunk.Length; b++)
            for (var t = 0; t < usable[b] - 1; t++) inputs[b * length + t] = rows[chunk[b]][t];
        var logits = model.Forward(tensor(inputs, [chunk.Length, length], device: model.Device)).Logits; // (B, T, V)
        Add(logits, rows, lengths, chunk, tally);
    }

    /// <summary>
    /// Tallies one batch's logits (B, T, V) whose row b is <paramref name="rows"/>[chunk[b]], e.g. the logits of
    /// <see cref="PerplexityEvaluator"/>'s forward, so the val loss and this part share one forward pass.
    /// </summary>
    public void Add(Tensor logits, IReadOnlyList<IReadOnlyList<int>> rows, IReadOnlyList<int> lengths, int[] chunk,
        KWordAccuracy.Tally tally)
    {
        using var scope = NewDisposeScope();
        var length = logits.shape[1];
        var k = (int)Math.Min(K, logits.shape[^1]);
        var top = logits.topk(k, dim: -1).indexes.cpu().data<long>().ToArray(); // (B, T, k), best first
        var ranked = new int[k];
        for (var b = 0; b < chunk.Length; b++)
            for (var t = 0; t < Usable(rows, lengths, chunk[b]) - 1; t++)
            {
                var offset = (b * length + t) * k;
                for (var j = 0; j < k; j++) ranked[j] = (int)top[offset + j];
                var target = rows[chunk[b]][t + 1];
                tally.Add(target, ranked, target < startsWord.Count && startsWord[target]);
            }
    }

    private int Usable(IReadOnlyList<IReadOnlyList<int>> rows, IReadOnlyList<int> lengths, int row) =>
        Math.Min(Math.Min(lengths[row], rows[row].Count), model.Args.MaxSeqLen + 1);
}
