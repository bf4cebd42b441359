using Prebias.Core.Torch;
using TorchSharp;
using Xunit;

namespace Prebias.Tests.Torch;

[Collection("Sequential")]
public sealed class TorchThreadBudgetTests
{
    [Fact]
    public void Slots_split_the_threads_evenly_and_never_exceed_them()
    {
        var budget = new TorchThreadBudget(threads: 5, concurrentJobs: 2);
        Assert.Equal(2, budget.Slots);
        Assert.Equal(2, budget.ThreadsPerSlot);
        Assert.True(budget.Slots * budget.ThreadsPerSlot <= budget.Threads);
    }

    [Fact]
    public void More_workers_than_threads_get_one_thread_each()
    {
        var budget = new TorchThreadBudget(threads: 2, concurrentJobs: 4);
        Assert.Equal(2, budget.Slots);
        Assert.Equal(1, budget.ThreadsPerSlot);
    }

    [Fact]
    public void Zero_threads_means_one_per_core()
    {
        Assert.Equal(Environment.ProcessorCount, new TorchThreadBudget(0, 1).Threads);
    }

    [Fact]
    public async Task A_requested_count_lowers_the_lease_but_cannot_raise_it()
    {
        var budget = new TorchThreadBudget(threads: 8, concurrentJobs: 2);
        using (var low = await budget.AcquireAsync(1, CancellationToken.None)) Assert.Equal(1, low.Threads);
        using var high = await budget.AcquireAsync(64, CancellationToken.None);
        Assert.Equal(4, high.Threads);
    }

    [Fact]
    public async Task A_job_beyond_the_slots_waits_until_a_lease_is_disposed()
    {
        var budget = new TorchThreadBudget(threads: 2, concurrentJobs: 2);
        var first = await budget.AcquireAsync(0, CancellationToken.None);
        using var second = await budget.AcquireAsync(0, CancellationToken.None);
        var third = budget.AcquireAsync(0, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(third.IsCompleted);
        Assert.Equal(2, budget.InUse);

        first.Dispose();
        first.Dispose(); // a second dispose must not free a second slot
        using var lease = await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, budget.InUse);
        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            budget.AcquireAsync(0, new CancellationTokenSource(50).Token));
    }

    [Fact]
    public async Task An_evaluation_borrows_the_free_slots_and_a_new_job_waits_until_it_returns_them()
    {
        var budget = new TorchThreadBudget(threads: 6, concurrentJobs: 3);
        using var held = await budget.AcquireAsync(0, CancellationToken.None);
        var wide = budget.BorrowFree(held);
        Assert.Equal(6, wide.Threads);
        Assert.Equal(3, budget.InUse);
        var training = budget.AcquireAsync(0, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(training.IsCompleted);

        wide.Dispose();
        wide.Dispose(); // returns the borrowed slots once, never the held one
        using var lease = await training.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, budget.InUse);
        using var narrower = budget.BorrowFree(held); // one slot left free now
        Assert.Equal(4, narrower.Threads);
        using var none = budget.BorrowFree(held);
        Assert.Equal(2, none.Threads);
    }

    [Fact]
    public void Apply_sets_the_torch_threads_of_the_calling_thread_only()
    {
        var budget = new TorchThreadBudget(threads: 2, concurrentJobs: 2);
        int applied = 0, afterOther = 0, outside = 0;
        var other = new Thread(() => { torch.set_num_threads(2); outside = torch.get_num_threads(); });
        var worker = new Thread(() =>
        {
            using var lease = budget.AcquireAsync(0, CancellationToken.None).GetAwaiter().GetResult();
            lease.Apply();
            applied = torch.get_num_threads();
            other.Start();
            other.Join();
            // torch keeps the count per OS thread: the other thread's setting does not undo this one's.
            afterOther = torch.get_num_threads();
        });
        worker.Start();
        worker.Join();
        Assert.Equal(1, applied);
        Assert.Equal(1, afterOther);
        Assert.Equal(2, outside);
    }
}
