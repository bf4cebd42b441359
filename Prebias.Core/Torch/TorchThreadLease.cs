using TorchSharp;

namespace Prebias.Core.Torch;

/// <summary>A job's share of the <see cref="TorchThreadBudget"/>; disposing it frees its slot.</summary>
public sealed class TorchThreadLease(int threads, Action release) : IDisposable
{
    private Action? _release = release;

    /// <summary>Intra-op torch threads this job may use.</summary>
    public int Threads { get; } = threads;

    /// <summary>
    /// Sets the calling thread's torch threads to the lease. libtorch's CPU build keeps the count per OS thread
    /// (OpenMP), so call this on the thread that runs the torch work, again after any <c>await</c>.
    /// </summary>
    public void Apply()
    {
        if (torch.get_num_threads() != Threads) torch.set_num_threads(Threads);
    }

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
