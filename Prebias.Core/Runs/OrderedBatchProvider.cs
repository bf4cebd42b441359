using Prebias.Core.Corpora.Synthetic;
using Prebias.Core.Datasets;
using Prebias.Core.Ordering;
using Prebias.Core.Training;
using static TorchSharp.torch;

namespace Prebias.Core.Runs;

/// <summary>
/// Batches in the run's compiled order: micro-batch m of step k holds the samples at order positions
/// [(k·A + m)·B, (k·A + m + 1)·B) (the ledger). Inputs are a sample's first T tokens, targets the next T; target
/// positions past the sample's real length are padding and get the ignore index, so they never count in the loss
/// (the original trained on its pad token 0; this does not). Evaluation batches are drawn from each split with a
/// generator seeded by (seed, split, index), so they are the same at every checkpoint and after a resume.
/// </summary>
/// A branch's transform (gender swap) replaces the rows of training samples from order position
/// <paramref name="transformFrom"/> on.
public sealed class OrderedBatchProvider(TokenStore tokens, OrderLedger ledger, int[] trainIds, int[] valIds, long seed, int batchSize,
    Func<int, (long[] Row, int Length)>? transformedRow = null, long transformFrom = long.MaxValue)
    : IBatchProvider
{
    public const long IgnoreIndex = -1;

    public TokenBatch GetTrainBatch(long iteration, int microStep)
    {
        var ids = ledger.MicroBatch(checked((int)iteration), microStep).Span;
        var position = (iteration * ledger.SamplesPerStep) + (long)microStep * batchSize;
        return Build(ids, transformedRow is not null && position >= transformFrom);
    }

    public TokenBatch GetEvalBatch(EvalSplit split, int index)
    {
        var pool = split == EvalSplit.Val && valIds.Length > 0 ? valIds : trainIds;
        var random = new DeterministicRandom((ulong)seed, (ulong)(((long)split + 1) << 32 | (uint)index));
        var ids = new int[batchSize];
        for (var i = 0; i < ids.Length; i++) ids[i] = pool[random.NextInt(pool.Length)];
        return Build(ids, transformed: false);
    }

    private TokenBatch Build(ReadOnlySpan<int> sampleIds, bool transformed)
    {
        var rowLength = tokens.RowLength; // T + 1
        var t = rowLength - 1;
        var rows = new long[sampleIds.Length * rowLength];
        var lengths = new int[sampleIds.Length];
        var indices = new long[sampleIds.Length];
        for (var i = 0; i < indices.Length; i++) indices[i] = sampleIds[i];
        tokens.CopyBatch(indices, rows, lengths);
        if (transformed)
            for (var b = 0; b < sampleIds.Length; b++)
            {
                var (row, length) = transformedRow!(sampleIds[b]);
                row.CopyTo(rows.AsSpan(b * rowLength, rowLength));
                lengths[b] = length;
            }

        var inputs = new long[sampleIds.Length * t];
        var targets = new long[sampleIds.Length * t];
        for (var b = 0; b < sampleIds.Length; b++)
        {
            var row = rows.AsSpan(b * rowLength, rowLength);
            row[..t].CopyTo(inputs.AsSpan(b * t, t));
            var target = targets.AsSpan(b * t, t);
            row[1..].CopyTo(target);
            // Position j predicts token j+1, which is real only while j + 1 < length.
            for (var j = Math.Max(0, lengths[b] - 1); j < t; j++) target[j] = IgnoreIndex;
        }
        return new TokenBatch(tensor(inputs, [sampleIds.Length, t]), tensor(targets, [sampleIds.Length, t])); // (B, T) each
    }
}
