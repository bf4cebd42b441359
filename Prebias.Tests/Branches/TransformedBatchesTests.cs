using Prebias.Core.Datasets;
using Prebias.Core.Ordering;
using Prebias.Core.Runs;

namespace Prebias.Tests.Branches;

/// <summary>A branch's transform reaches the batches at and after its order position, never before.</summary>
[Collection("Sequential")]
public sealed class TransformedBatchesTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"prebias-rows-{Guid.NewGuid():N}.bin");

    [Fact]
    public void GetTrainBatch_UsesTransformedRows_OnlyFromTheBranchPosition()
    {
        // Three samples of 4-token rows (T = 3): sample i holds BOS, 10+i, 20+i, then padding 0.
        using (var writer = new TokenStoreWriter(_path, rowLength: 4, vocabSize: 64, padId: 0))
        {
            for (var i = 0; i < 3; i++) writer.Append([1, 10 + i, 20 + i]);
            writer.Commit();
        }
        using var store = TokenStore.Open(_path);
        var order = new CompiledOrder([0, 1, 2, 0, 1, 2], eligibleCount: 3, epochs: 2);
        var ledger = new OrderLedger(order, batchSize: 1, gradAccumSteps: 1);
        (long[] Row, int Length) Swapped(int id) => ([1, 40 + id, 50 + id, 60 + id], 4);
        var batches = new OrderedBatchProvider(store, ledger, [0, 1, 2], [], seed: 1, batchSize: 1, Swapped, transformFrom: 2);

        long[] Inputs(long step)
        {
            using var batch = batches.GetTrainBatch(step, 0);
            return batch.Inputs.data<long>().ToArray();
        }
        Assert.Equal(new long[] { 1, 10, 20 }, Inputs(0)); // sample 0, before the branch point
        Assert.Equal(new long[] { 1, 11, 21 }, Inputs(1)); // sample 1
        Assert.Equal(new long[] { 1, 42, 52 }, Inputs(2)); // sample 2, transformed
        Assert.Equal(new long[] { 1, 40, 50 }, Inputs(3)); // sample 0 again, transformed

        using var transformed = batches.GetTrainBatch(2, 0);
        Assert.Equal(new long[] { 42, 52, 62 }, transformed.Targets.data<long>().ToArray()); // all 4 tokens real: no ignored targets
        using var original = batches.GetTrainBatch(1, 0);
        Assert.Equal(new long[] { 11, 21, -1 }, original.Targets.data<long>().ToArray()); // padding target ignored
    }

    public void Dispose()
    {
        if (File.Exists(_path)) File.Delete(_path);
    }
}
