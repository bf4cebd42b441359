using Hangfire;
using Prebias.Core.Jobs;

namespace Prebias.Core.Lifecycle;

/// <summary>The recurring job (every minute) that runs <see cref="ResourceReconciler"/>.</summary>
public sealed class ResourceReconcilerJob(ResourceReconciler reconciler, JobProgress progress)
{
    public const string RecurringId = "reconcile-resources";

    [Queue(JobQueues.Default)]
    // The next minute's run is the retry.
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        var marked = await reconciler.ReconcileAsync(ResourceReconciler.Grace, ct);
        progress.Report(1, marked == 0 ? "no orphaned rows" : $"marked {marked} orphaned row(s) Failed");
    }
}
