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
    /// Concurrent jobs. Training sets torch threads to all cores, so more than one training job per CPU set only
    /// makes both slower; 2 lets a light job run beside a training job.
    /// </summary>
    public int WorkerCount { get; init; } = 2;

    /// <summary>Server name prefix shown in the Hangfire dashboard.</summary>
    public string? Name { get; init; }
}
