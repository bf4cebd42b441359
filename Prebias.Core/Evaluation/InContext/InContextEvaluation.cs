using System.Diagnostics;
using Prebias.Core.Modeling;

namespace Prebias.Core.Evaluation.InContext;

/// <summary>
/// The checkpoint evaluator's in-context-learning part: the ICL score on the validation rows and the induction-head
/// scores on <see cref="Sequences"/> repeated random-token sequences, the same ones at every checkpoint of every run
/// with this vocabulary, so curves over steps compare like with like.
/// </summary>
public static class InContextEvaluation
{
    public const int Sequences = 8;
    /// <summary>Tokens per copy at most (Olsson et al. use sequences of a few hundred tokens; 2·50 + 1 suffice
    /// here).</summary>
    public const int MaxRepeatLength = 50;
    private const ulong ProbeSeed = 0x1CC0_5EED;

    public static InContextView Evaluate(Transformer model, int startToken, IReadOnlyList<IReadOnlyList<int>> valRows,
        IReadOnlyList<int> valLengths)
    {
        var clock = Stopwatch.StartNew();
        var icl = IclScorer.Score(model, valRows, valLengths);
        var length = Math.Min(MaxRepeatLength, (model.Args.MaxSeqLen - 1) / 2);
        var heads = length >= 2
            ? InductionHeads.Score(model, RepeatedTokens.Draw(Sequences, length, model.Args.VocabSize, startToken,
                ProbeSeed))
            : new HeadScores([], [], double.NaN);
        return new InContextView(icl, heads, Sequences, length, clock.Elapsed.TotalSeconds);
    }
}
