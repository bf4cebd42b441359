namespace Prebias.Core.Evaluation;

/// <summary>
/// The deployment's evaluation budget (<c>Prebias:Evaluation</c>). Generations dominate a small model's checkpoint
/// evaluation: an early model never emits EOS, so every sequence runs to the cap. A deployment that evaluates many
/// checkpoints of tiny models (the test suite, a quick sweep) lowers the cap here instead of per request.
/// </summary>
public sealed class EvaluationSettings
{
    public const string Section = "Prebias:Evaluation";

    /// <summary>
    /// New tokens per generation at most (also capped by max_seq_len). Default 200, as llama2.c's eval.
    /// </summary>
    public int MaxNewTokens { get; set; } = new EvaluationOptions().MaxNewTokens;

    /// <summary>
    /// Whether an evaluation also takes the torch slots that are free while it evaluates a checkpoint (default true):
    /// alone on a quiet machine it then uses every core. Turn it off where other processes load the cores (a shared
    /// box, the test suite): OpenMP threads on oversubscribed cores spin against each other, and one such run took
    /// 162 s at 2 threads for generations that took 4.3 s at 1 (README, Benchmarks).
    /// </summary>
    public bool BorrowFreeThreads { get; set; } = true;
}
