using Prebias.Core.Modeling;
using Prebias.Core.Training;
using static TorchSharp.torch;

namespace Prebias.Tests.Modeling;

/// <summary>Small models and deterministic batches for the modeling tests.</summary>
internal static class ModelFixtures
{
    /// <summary>2 layers, GQA (4 query heads over 2 kv heads), head_dim 8, hidden 88, 16 positions.</summary>
    public static readonly ModelArgs Tiny = new()
    {
        Dim = 32, NLayers = 2, NHeads = 4, NKvHeads = 2, VocabSize = 40, MaxSeqLen = 16, MultipleOf = 8,
    };

    /// <summary>Random (batch, length) token sequences and next-token targets from a seed, as int64.</summary>
    public static TokenBatch RandomBatch(long seed, int batch, int length, int vocab)
    {
        using var generator = new Generator((ulong)seed);
        using var sequence = randint(vocab, [batch, length + 1], dtype: ScalarType.Int64, generator: generator);
        // (B, T+1) -> inputs (B, T) and targets shifted by one (B, T)
        return new TokenBatch(sequence.narrow(1, 0, length).clone(), sequence.narrow(1, 1, length).clone());
    }

    /// <summary>Options for short CPU runs: no eval, warm-up over 2 steps, cosine to 6.</summary>
    public static TrainingOptions ShortRun(int steps) => new()
    {
        BatchSize = 4, GradientAccumulationSteps = 2, MaxIters = steps, LearningRate = 1e-2, MinLr = 1e-3,
        WarmupIters = 2, LrDecayIters = 6, EvalInterval = 1000, EvalIters = 2, Seed = 7, Threads = 1, Device = "cpu",
    };
}
