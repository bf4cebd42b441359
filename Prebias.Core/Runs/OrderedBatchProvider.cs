using Prebias.Core.Datasets;
using Prebias.Core.Ordering;
using Prebias.Core.Training;
using static TorchSharp.torch;

namespace Prebias.Core.Runs;

/// <summary>
/// Batches in the run's compiled order: micro-batch m of step k holds the samples at order positions
/// [(k·A + m)·B, (k·A + m + 1)·B) (the ledger). Inputs are a sample's first T tokens, targets the next T; target
/// positions past the sample's real length are padding and get the ignore index, so they never count in the loss
/// (training on pad token 0 would teach the model to emit padding). A sample's last real target is its EOS when the story
/// fitted the row (see <c>SampleTokens</c>), so the end of a story is learnt; padding is neither trained nor counted
/// in the tokens seen. Evaluation batches are drawn from each split with a
/// generator seeded by (seed, split, index), so they are the same at every checkpoint and after a resume.
/// </summary>
/// A branch's transform (gender swap) replaces the rows of training samples from order position
/// <paramref name="transformFrom"/> on.
public sealed class OrderedBatchProvider(TokenStore tokens, OrderLedger ledger, int[] trainIds, int[] valIds, long seed, int batchSize,
    Func<int, (long[] Row, int Length)>? transformedRow = null, long transformFrom = long.MaxValue)
    : IBatchProvider
{
    public const long IgnoreIndex = -1;

    // Running count behind TrainedTokensBefore: the tokens of steps 0.._countedSteps − 1.
    private int _countedSteps;
    private long _countedTokens;

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

    /// <summary>
    /// Tokens trained on by steps 0..<paramref name="step"/> − 1 (real targets, padding excluded): what the checkpoint
    /// of <paramref name="step"/> has seen. Counted from the ledger and the rows' lengths, so a resumed run reports the
    /// same count as an uninterrupted one; counting goes on from the previous call, so a checkpoint reads the lengths of
    /// the samples since the last one only.
    /// </summary>
    public long TrainedTokensBefore(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (step < _countedSteps) (_countedSteps, _countedTokens) = (0, 0);
        if (step > _countedSteps)
        {
            var ids = ledger.WindowBetween(_countedSteps - 1, step - 1).Span;
            var position = _countedSteps * ledger.SamplesPerStep;
            for (var i = 0; i < ids.Length; i++)
            {
                var transformed = transformedRow is not null && position + i >= transformFrom;
                _countedTokens += TargetsOf(transformed ? transformedRow!(ids[i]).Length : tokens.GetLength(ids[i]));
            }
            _countedSteps = step;
        }
        return _countedTokens;
    }

    // A row of length L (BOS included) trains L − 1 targets: position j predicts token j + 1.
    private static int TargetsOf(int length) => Math.Max(0, length - 1);

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
        long trained = 0;
        for (var b = 0; b < sampleIds.Length; b++)
        {
            var row = rows.AsSpan(b * rowLength, rowLength);
            row[..t].CopyTo(inputs.AsSpan(b * t, t));
            var target = targets.AsSpan(b * t, t);
            row[1..].CopyTo(target);
            // Position j predicts token j+1, which is real only while j + 1 < length.
            for (var j = TargetsOf(lengths[b]); j < t; j++) target[j] = IgnoreIndex;
            trained += TargetsOf(lengths[b]);
        }
        return new TokenBatch(tensor(inputs, [sampleIds.Length, t]), tensor(targets, [sampleIds.Length, t]), trained); // (B, T) each
    }
}
