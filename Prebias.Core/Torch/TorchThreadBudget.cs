namespace Prebias.Core.Torch;

/// <summary>
/// The CPU threads that the torch jobs of one process share. The budget (<c>Prebias:Worker:Threads</c>, 0 = one per
/// core) is split into equal slots, one per concurrent torch job (the Hangfire worker count, at most one slot per
/// thread); a job holds a slot for as long as it runs torch and sets its own threads to the slot's size, so training
/// and evaluation jobs together never run more torch threads than the budget. An evaluation may borrow the slots
/// that are free while it evaluates one checkpoint (<see cref="BorrowFree"/>).
/// </summary>
/// <remarks>
/// Measured on the 2-core machine (README, "Concurrent training"): two training jobs with all cores each run four
/// OpenMP threads on two cores, and OpenMP's barriers then spin against each other; one thread each gives more
/// tokens/s in total. The slot size is fixed rather than rebalanced when a job ends because a CPU run is bitwise
/// reproducible only for a fixed thread count (a resumed or re-run job must end with the same weights).
/// </remarks>
public sealed class TorchThreadBudget
{
    private readonly SemaphoreSlim _slots;

    /// <param name="threads">Threads in all; 0 or less means <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="concurrentJobs">Torch jobs that may run at once (the worker count); at least 1.</param>
    public TorchThreadBudget(int threads, int concurrentJobs)
    {
        Threads = threads > 0 ? threads : Environment.ProcessorCount;
        Slots = Math.Clamp(concurrentJobs, 1, Threads);
        ThreadsPerSlot = Threads / Slots;
        _slots = new SemaphoreSlim(Slots, Slots);
    }

    /// <summary>Threads shared by all torch jobs of this process.</summary>
    public int Threads { get; }

    /// <summary>Torch jobs that run at once; a further job waits for a slot.</summary>
    public int Slots { get; }

    /// <summary>Torch threads of each job.</summary>
    public int ThreadsPerSlot { get; }

    /// <summary>Slots held now.</summary>
    public int InUse => Slots - _slots.CurrentCount;

    /// <summary>
    /// Waits for a free slot. <paramref name="requested"/> (a run's own <c>training.threads</c>; 0 = no preference)
    /// can lower the lease's threads, never raise them above the slot.
    /// </summary>
    public async Task<TorchThreadLease> AcquireAsync(int requested, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        var threads = requested > 0 ? Math.Min(requested, ThreadsPerSlot) : ThreadsPerSlot;
        return new TorchThreadLease(threads, () => _slots.Release());
    }

    /// <summary>
    /// Widens a held lease by every slot free right now, without waiting: the result runs the lease's threads plus
    /// the borrowed slots' threads and, disposed, returns the borrowed slots (the held lease stays). For work whose
    /// result need not be bitwise tied to a thread count, such as one checkpoint's evaluation: alone on the machine it
    /// uses every core, and a training job that starts meanwhile waits at most until the borrowed slots come back.
    /// </summary>
    public TorchThreadLease BorrowFree(TorchThreadLease held)
    {
        var borrowed = 0;
        while (_slots.Wait(0)) borrowed++;
        return new TorchThreadLease(held.Threads + borrowed * ThreadsPerSlot, () =>
        {
            if (borrowed > 0) _slots.Release(borrowed);
        });
    }
}
