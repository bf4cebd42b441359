namespace Prebias.Core.Jobs;

/// <summary>Hangfire queues. Workers choose which to serve; training runs on <see cref="Gpu"/>.</summary>
public static class JobQueues
{
    public const string Default = "default";
    public const string Cpu = "cpu";
    public const string Gpu = "gpu";

    public static readonly string[] All = [Gpu, Cpu, Default];
}
