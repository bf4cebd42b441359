using System.Collections.Concurrent;
using System.Diagnostics;

namespace Prebias.Core.Jobs;

/// <summary>
/// The one progress mechanism every job uses: <c>progress.Report(0.4, "tokenized 40,000 of 100,000")</c>.
/// Safe to call from tight loops: at most one database write per job every <see cref="MinInterval"/>; a report that
/// arrives sooner is kept and written when the interval has passed (latest wins), so the last report always lands.
/// Reports for <see cref="CurrentJob.Id"/>; a no-op outside a job.
/// </summary>
public sealed class JobProgress(JobRecordStore store)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);

    private sealed class Slot
    {
        public long LastWrite;
        public (double Fraction, string? Message)? Pending;
        public bool FlushScheduled;
    }

    private readonly ConcurrentDictionary<string, Slot> _slots = new();

    public void Report(double fraction, string? message = null)
    {
        if (CurrentJob.Id is not { } id) return;
        var value = (Math.Clamp(fraction, 0, 1), message);
        var slot = _slots.GetOrAdd(id, _ => new Slot());
        lock (slot)
        {
            var wait = MinInterval - Stopwatch.GetElapsedTime(slot.LastWrite);
            if (slot.LastWrite != 0 && wait > TimeSpan.Zero)
            {
                slot.Pending = value;
                if (!slot.FlushScheduled)
                {
                    slot.FlushScheduled = true;
                    _ = FlushLaterAsync(id, slot, wait);
                }
                return;
            }
            slot.LastWrite = Stopwatch.GetTimestamp();
        }
        Write(id, value);
    }

    private async Task FlushLaterAsync(string id, Slot slot, TimeSpan wait)
    {
        await Task.Delay(wait);
        (double, string?)? value;
        lock (slot)
        {
            value = slot.Pending;
            slot.Pending = null;
            slot.FlushScheduled = false;
            slot.LastWrite = Stopwatch.GetTimestamp();
        }
        if (value is { } v) Write(id, v);
    }

    private void Write(string id, (double Fraction, string? Message) value)
    {
        // Progress is advisory: a failed write must never fail the job.
        try { store.SetProgressAsync(id, value.Fraction, value.Message).GetAwaiter().GetResult(); }
        catch (Exception) { }
    }
}
