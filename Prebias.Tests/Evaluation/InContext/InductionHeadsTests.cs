using Prebias.Core.Evaluation.InContext;
using Prebias.Core.Modeling;
using Prebias.Core.Training;
using static TorchSharp.torch;

namespace Prebias.Tests.Evaluation.InContext;

[Collection("Sequential")]
public class InductionHeadsTests
{
    private const int RepeatLength = 12;

    // Two layers: an induction head needs a previous-token head in an earlier layer to compose with.
    private static readonly ModelArgs TwoLayers = new()
    {
        Dim = 64, NLayers = 2, NHeads = 4, VocabSize = 48, MaxSeqLen = 2 * RepeatLength + 1, MultipleOf = 16,
    };

    [Fact]
    public void Score_StaysNearUniform_WhenModelIsRandomInit()
    {
        using var model = new Transformer(TwoLayers, seed: 3);
        var scores = InductionHeads.Score(model, Probe());
        Assert.Equal((2, 4), (scores.Layers, scores.Heads));
        // Uniform attention over a prefix of 14..25 keys gives about 1/19; no head may be far from that.
        Assert.InRange(scores.UniformBaseline, 0.04, 0.07);
        Assert.All(scores.PrefixMatching.SelectMany(h => h), s => Assert.InRange(s, 0, 2 * scores.UniformBaseline));
        Assert.All(scores.Copying.SelectMany(h => h), c => Assert.InRange(c, -1, 1));
    }

    [Fact]
    public void Score_FindsAnInductionHead_WhenTrainedOnRepeats()
    {
        using var model = new Transformer(TwoLayers, seed: 3);
        using var trainer = new Trainer(model, new TrainingOptions
        {
            BatchSize = 32, GradientAccumulationSteps = 1, LearningRate = 3e-3, DecayLr = false, WarmupIters = 20,
            WeightDecay = 0, Seed = 1, Threads = 1, Device = "cpu",
        });
        var before = InductionHeads.Score(model, Probe()).MaxPrefixMatching;
        for (var step = 0; step < 400; step++) trainer.Step(_ => RepeatBatch(seed: 100 + (ulong)step));
        var after = InductionHeads.Score(model, Probe());

        Assert.True(before < 0.15, $"random init already had a prefix-matching head: {before:F3}");
        Assert.True(after.MaxPrefixMatching > 0.5,
            $"best prefix-matching score after training: {after.MaxPrefixMatching:F3}");
        // The head sits in the second layer: it reads the previous-token information the first layer writes.
        Assert.True(after.PrefixMatching[1].Max() > after.PrefixMatching[0].Max());
    }

    private static RepeatedTokens Probe() => RepeatedTokens.Draw(8, RepeatLength, TwoLayers.VocabSize, startToken: 1,
        seed: 42);

    // Inputs are the first 2L tokens of each sequence and targets the next 2L, so the second copy is predictable from
    // the first.
    private static TokenBatch RepeatBatch(ulong seed)
    {
        var sequences = RepeatedTokens.Draw(32, RepeatLength, TwoLayers.VocabSize, startToken: 1, seed);
        using var all = tensor(sequences.Tokens, [32, sequences.SequenceLength]);
        var t = sequences.SequenceLength - 1;
        return new TokenBatch(all.narrow(1, 0, t).clone(), all.narrow(1, 1, t).clone()); // (B, T) each
    }
}
