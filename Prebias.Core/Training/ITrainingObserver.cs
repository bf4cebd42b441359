namespace Prebias.Core.Training;

/// <summary>Hooks of <see cref="TrainingLoop.Run"/>: logging, checkpoints, progress. All members optional.</summary>
public interface ITrainingObserver
{
    /// <summary>Before each optimiser step, after the evaluation at its iteration (a dynamic order decides its next window here).</summary>
    void BeforeStep(Trainer trainer) { }

    /// <summary>After each optimiser step.</summary>
    void OnStep(Trainer trainer, StepResult step) { }

    /// <summary>After each evaluation (at every EvalInterval and at the end); checkpoint here.</summary>
    void OnEvaluation(Trainer trainer, EvalResult eval) { }
}
