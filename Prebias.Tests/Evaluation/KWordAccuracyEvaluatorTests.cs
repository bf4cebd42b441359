using Prebias.Core.Evaluation;
using Prebias.Core.Modeling;
using Prebias.Tests.Modeling;
using static TorchSharp.torch;

namespace Prebias.Tests.Evaluation;

/// <summary>The batched, padded evaluator agrees with a one-row-at-a-time count from the model's own logits.</summary>
[Collection("Sequential")]
public class KWordAccuracyEvaluatorTests
{
    private static readonly int[][] Rows =
    [
        [1, 5, 9, 14, 3, 22, 7, 7, 30, 11, 4, 8],
        [1, 17, 2, 2, 33, 6, 19, 0, 0, 0, 0, 0],
        [1, 25, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ];

    private static readonly int[] Lengths = [12, 7, 2];

    [Fact]
    public void Evaluate_EqualsAnUnbatchedCount_OverPaddedRows()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 4);
        var startsWord = Enumerable.Range(0, ModelFixtures.Tiny.VocabSize).Select(id => id % 3 == 0).ToArray();
        var result = new KWordAccuracyEvaluator(model, startsWord, batchSize: 2).Evaluate(Rows, Lengths, CancellationToken.None);

        var expected = new KWordAccuracy.Tally();
        using (no_grad())
            for (var r = 0; r < Rows.Length; r++)
            {
                using var scope = NewDisposeScope();
                var inputs = Rows[r][..(Lengths[r] - 1)].Select(t => (long)t).ToArray();
                var logits = model.Forward(tensor(inputs).view(1, -1)).Logits[0]; // (T, V)
                for (var t = 0; t < inputs.Length; t++)
                {
                    var row = logits[t].data<float>().ToArray();
                    var ranked = Enumerable.Range(0, row.Length).OrderByDescending(i => row[i]).Take(5).ToArray();
                    var target = Rows[r][t + 1];
                    expected.Add(target, ranked, startsWord[target]);
                }
            }
        var want = expected.Result();
        Assert.Equal(Lengths.Sum() - Lengths.Length, result.Tokens);
        Assert.Equal(want, result);
    }

    [Fact]
    public void Add_OnThePerplexityEvaluatorsLogits_EqualsEvaluate()
    {
        using var model = new Transformer(ModelFixtures.Tiny, seed: 4);
        var startsWord = Enumerable.Range(0, ModelFixtures.Tiny.VocabSize).Select(id => id % 3 == 0).ToArray();
        var evaluator = new KWordAccuracyEvaluator(model, startsWord, batchSize: 2);
        var tally = new KWordAccuracy.Tally();
        new PerplexityEvaluator(model, batchSize: 3).Score(Rows, Lengths,
            observe: (logits, chunk) => evaluator.Add(logits, Rows, Lengths, chunk, tally));
        Assert.Equal(evaluator.Evaluate(Rows, Lengths, CancellationToken.None), tally.Result());
    }
}
