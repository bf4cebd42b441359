namespace Prebias.Core.Hosting;

/// <summary>Which Hangfire queues this process serves, and with how many worker threads.</summary>
public sealed record WorkerOptions
{
    public const string Section = "Prebias:Worker";

    /// <summary>Run a Hangfire server inside the API process (the single-machine default of <c>./run.sh</c>).</summary>
    public bool InProcess { get; init; }

    /// <summary>
    /// Queues served, highest priority first; empty means all (gpu, cpu, default). No default array here: the
    /// configuration binder appends configured items to an array's initial values instead of replacing them.
    /// </summary>
    public string[] Queues { get; init; } = [];

    public string[] EffectiveQueues => Queues.Where(q => !string.IsNullOrWhiteSpace(q)).ToArray() is { Length: > 0 } q ? q : Jobs.JobQueues.All;

    /// <summary>
    /// Concurrent jobs. Torch jobs split <see cref="Threads"/> between them, so two training jobs on two cores run
    /// one thread each instead of four threads fighting over two cores.
    /// </summary>
    public int WorkerCount { get; init; } = 2;

    /// <summary>
    /// CPU threads that this process's torch jobs share (<see cref="Torch.TorchThreadBudget"/>); 0 means one per
    /// core. Each of the <see cref="WorkerCount"/> concurrent torch jobs gets an equal part.
    /// </summary>
    public int Threads { get; init; }

    /// <summary>Server name prefix shown in the Hangfire dashboard.</summary>
    public string? Name { get; init; }
}
