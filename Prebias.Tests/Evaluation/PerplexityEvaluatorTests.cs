using Prebias.Core.Datasets;
using Prebias.Core.Evaluation;
using Prebias.Core.Modeling;
using Prebias.Core.Training;
using Prebias.Tests.Modeling;
using Prebias.Tests.Training;
using static TorchSharp.torch;

namespace Prebias.Tests.Evaluation;

[Collection("Sequential")]
public class PerplexityEvaluatorTests
{
    private const int Pad = 0;

    // Token-store style rows of 12: BOS (1) + tokens, then padding; real lengths 12, 7, 2, 1.
    private static readonly int[][] Rows =
    [
        [1, 5, 9, 14, 3, 22, 7, 7, 30, 11, 4, 8],
        [1, 17, 2, 2, 33, 6, 19, Pad, Pad, Pad, Pad, Pad],
        [1, 25, Pad, Pad, Pad, Pad, Pad, Pad, Pad, Pad, Pad, Pad],
        [1, Pad, Pad, Pad, Pad, Pad, Pad, Pad, Pad, Pad, Pad, Pad],
    ];

    private static readonly int[] Lengths = [12, 7, 2, 1];

    /// <summary>exp of the model's own Forward loss on row[..length−1] → row[1..length], padding masked by ignore index.</summary>
    private static double PerplexityByForwardLoss(Transformer model, int[] row, int length)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var inputs = row[..(Rows[0].Length - 1)].Select(t => (long)t).ToArray();
        var targets = row[1..].Select((t, j) => j + 1 < length ? t : -1L).ToArray(); // position j is real while j + 1 < length
        var (_, loss) = model.Forward(tensor(inputs).view(1, -1), tensor(targets).view(1, -1), ignoreIndex: -1);
        return Math.Exp(loss!.item<float>());
    }

    [Fact]
    public void Score_EqualsExpOfForwardLossWithIgnoreIndex_ForEachPaddedRow()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 4);
        var losses = new PerplexityEvaluator(model, batchSize: 3).Score(Rows, Lengths);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Lengths[i] - 1, losses[i].Tokens);
            Assert.Equal(PerplexityByForwardLoss(model, Rows[i], Lengths[i]), losses[i].Perplexity, 1e-3);
        }
        Assert.Equal(0, losses[3].Tokens); // BOS alone predicts nothing
        Assert.True(double.IsNaN(losses[3].Perplexity));
        // An untrained model is close to uniform over 40 tokens.
        Assert.InRange(losses[0].Perplexity, 30, 55);
    }

    [Fact]
    public void Score_ReadsRowsAndLengthsFromTokenStore_InIdOrder()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 4);
        var directory = Directory.CreateTempSubdirectory("prebias-eval-store-");
        try
        {
            var path = Path.Combine(directory.FullName, "tokens.bin");
            using (var writer = new TokenStoreWriter(path, rowLength: 12, vocabSize: 40, padId: Pad))
            {
                for (var i = 0; i < Rows.Length; i++) writer.Append(Rows[i].AsSpan(0, Lengths[i]));
                writer.Commit();
            }
            using var store = TokenStore.Open(path);
            var evaluator = new PerplexityEvaluator(model);
            var fromStore = evaluator.Score(store, [2, 0]);
            var fromRows = evaluator.Score(Rows, Lengths);
            Assert.Equal(fromRows[2], fromStore[0]);
            Assert.Equal(fromRows[0], fromStore[1]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Evaluate_WeighsEveryRealTokenEqually_OverRows()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 4);
        var evaluator = new PerplexityEvaluator(model);
        var losses = evaluator.Score(Rows, Lengths);
        var loss = evaluator.Evaluate(Rows, Lengths);
        // (11·nll₀ + 6·nll₁ + 1·nll₂) / 18
        var expected = (11 * losses[0].MeanNll + 6 * losses[1].MeanNll + 1 * losses[2].MeanNll) / 18;
        Assert.Equal(18, loss.Tokens);
        Assert.Equal(3, loss.Batches);
        Assert.Equal(expected, loss.MeanLoss, 1e-9);
        Assert.Equal(Math.Exp(expected), loss.Perplexity, 1e-6);
    }

    [Fact]
    public void Evaluate_MatchesTrainerEstimateLoss_OnTheSameValBatches()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 4);
        var batches = new SeededBatchProvider(batch: 3, length: 10, vocab: ModelFixtures.Tiny.VocabSize);
        var loss = new PerplexityEvaluator(model).Evaluate(batches, batchCount: 2);
        using var trainer = new Trainer(model, ModelFixtures.ShortRun(1));
        var estimate = trainer.EstimateLoss(i => batches.GetEvalBatch(EvalSplit.Val, i), 2);
        Assert.Equal(estimate, loss.BatchMeanLoss, 1e-4);
        Assert.Equal(2 * 3 * 10, loss.Tokens);
        Assert.Equal(loss.BatchMeanLoss, loss.MeanLoss, 1e-6); // no padding: both averages agree
    }
}
