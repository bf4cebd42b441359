using Prebias.Core.Datasets;
using Prebias.Core.Ordering;
using Prebias.Core.Runs;

namespace Prebias.Tests.Branches;

/// <summary>The EOS of a story that fits is its last target; tokens seen count real targets, never padding.</summary>
[Collection("Sequential")]
public sealed class BatchTokenCountTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"prebias-count-{Guid.NewGuid():N}.bin");

    [Fact]
    public void TrainedTokensBefore_CountsRealTargetsOnly_AndEosIsTheLastTarget()
    {
        // Rows of 6 tokens (T = 5), EOS = 2 pads: sample 0 is BOS a b EOS (3 targets), sample 1 BOS a b c d EOS (5).
        using (var writer = new TokenStoreWriter(_path, rowLength: 6, vocabSize: 64, padId: 2))
        {
            writer.Append([1, 10, 11, 2]);
            writer.Append([1, 20, 21, 22, 23, 2]);
            writer.Commit();
        }
        using var store = TokenStore.Open(_path);
        var order = new CompiledOrder([0, 1, 1, 0], eligibleCount: 2, epochs: 2);
        var ledger = new OrderLedger(order, batchSize: 2, gradAccumSteps: 1);
        var batches = new OrderedBatchProvider(store, ledger, [0, 1], [], seed: 1, batchSize: 2);

        using var batch = batches.GetTrainBatch(0, 0);
        Assert.Equal(new long[] { 10, 11, 2, -1, -1, 20, 21, 22, 23, 2 }, batch.Targets.data<long>().ToArray());
        Assert.Equal(8, batch.TokenCount); // not B·T = 10
        Assert.Equal(0, batches.TrainedTokensBefore(0));
        Assert.Equal(8, batches.TrainedTokensBefore(1));
        Assert.Equal(16, batches.TrainedTokensBefore(2));
        Assert.Equal(8, batches.TrainedTokensBefore(1)); // asked again after a resume: counted afresh, same answer
    }

    public void Dispose()
    {
        if (File.Exists(_path)) File.Delete(_path);
    }
}
