namespace Prebias.Core.Training;

/// <summary>llama2.c's train.py main loop, with the batches and the side effects supplied by the caller.</summary>
public static class TrainingLoop
{
    /// <summary>
    /// Trains from <see cref="Trainer.Iteration"/> (0, or a loaded checkpoint's step) to MaxIters. Evaluates at every
    /// multiple of EvalInterval (step 0 included, as train.py) and after the last step. Cancellation stops before the
    /// next step without evaluating; returns whether MaxIters was reached.
    /// </summary>
    public static bool Run(Trainer trainer, IBatchProvider batches, ITrainingObserver observer, CancellationToken ct = default)
    {
        var options = trainer.Options;
        while (trainer.Iteration < options.MaxIters)
        {
            if (ct.IsCancellationRequested) return false;
            if (trainer.Iteration % options.EvalInterval == 0)
                observer.OnEvaluation(trainer, trainer.Evaluate(batches));
            observer.BeforeStep(trainer);
            var step = trainer.Step(batches);
            observer.OnStep(trainer, step);
        }
        observer.OnEvaluation(trainer, trainer.Evaluate(batches));
        return true;
    }
}
