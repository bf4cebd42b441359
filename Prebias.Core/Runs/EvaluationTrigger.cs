namespace Prebias.Core.Runs;

/// <summary>
/// Starts the evaluation of a checkpoint as soon as training writes it (runs created with <c>evaluate: true</c>).
/// The evaluation job registers its implementation; without one, checkpoints are evaluated on request only.
/// </summary>
public class EvaluationTrigger
{
    public virtual void Enqueue(Guid runId, long step) { }
}
