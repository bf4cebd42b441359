namespace Prebias.Core.Evaluation.InContext;

/// <summary>
/// The in-context-learning score of Olsson et al. 2022: mean loss at a late token minus mean loss at an early token,
/// over the validation samples long enough to have both (negative: later tokens are predicted better thanks to the
/// context). The paper's positions 50 and 500 of 1024 are scaled to the model's max_seq_len.
/// </summary>
/// <param name="EarlyPosition">0-based token position (BOS at 0) whose prediction is the early loss.</param>
/// <param name="LatePosition">0-based token position of the late loss.</param>
/// <param name="Samples">Validation samples that reach <see cref="LatePosition"/>; the score is null when none
/// do.</param>
public sealed record IclScore(int EarlyPosition, int LatePosition, double? EarlyLoss, double? LateLoss, int Samples)
{
    /// <summary>late − early (nats).</summary>
    public double? Score => LateLoss - EarlyLoss;

    /// <summary>The paper's positions, tokens 50 and 500 of a 1024-token context.</summary>
    public const int PaperEarly = 50, PaperLate = 500, PaperContext = 1024;

    /// <summary>Positions scaled to <paramref name="maxSeqLen"/>: round(50·T/1024) and round(500·T/1024), the early one
    /// at least 1 and the late one past it and inside the context.</summary>
    public static (int Early, int Late) Positions(int maxSeqLen)
    {
        var early = Math.Max(1, (int)Math.Round((double)PaperEarly * maxSeqLen / PaperContext,
            MidpointRounding.AwayFromZero));
        var late = (int)Math.Round((double)PaperLate * maxSeqLen / PaperContext, MidpointRounding.AwayFromZero);
        return (early, Math.Clamp(late, early + 1, Math.Max(early + 1, maxSeqLen - 1)));
    }
}
