using Prebias.Core.Training;
using Prebias.Tests.Modeling;

namespace Prebias.Tests.Training;

/// <summary>Batch k of a run depends only on (iteration, microStep), as the lead's ordered batches will.</summary>
internal sealed class SeededBatchProvider(int batch, int length, int vocab) : IBatchProvider
{
    public TokenBatch GetTrainBatch(long iteration, int microStep) =>
        ModelFixtures.RandomBatch(1000 + iteration * 16 + microStep, batch, length, vocab);

    public TokenBatch GetEvalBatch(EvalSplit split, int index) =>
        ModelFixtures.RandomBatch((split == EvalSplit.Train ? 500_000 : 900_000) + index, batch, length, vocab);
}
