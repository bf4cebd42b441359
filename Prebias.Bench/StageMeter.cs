using System.Diagnostics;
using System.Globalization;

namespace Prebias.Bench;

/// <summary>
/// Times the stages of a benchmark and the peak resident memory of the processes doing the work: the API (its
/// in-process Hangfire server runs the jobs) and this process (stages computed here). The peak is the kernel's
/// high-water mark (<c>VmHWM</c>), reset before each stage through <c>/proc/PID/clear_refs</c>, and, where a reset is
/// refused, <c>VmRSS</c> sampled every 50 ms.
/// </summary>
public sealed class StageMeter(int? apiPid)
{
    private readonly List<StageResult> _stages = [];

    public IReadOnlyList<StageResult> Stages => _stages;

    public async Task<T> MeasureAsync<T>(string name, Func<Task<T>> stage, Func<T, double>? count = null,
        string unit = "")
    {
        int[] pids = apiPid is { } api ? [api, Environment.ProcessId] : [Environment.ProcessId];
        var resets = pids.Select(ResetPeak).ToArray();
        using var sampling = new CancellationTokenSource();
        var sampled = new long[pids.Length];
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                for (var i = 0; i < pids.Length; i++) sampled[i] = Math.Max(sampled[i], ReadKb(pids[i], "VmRSS:"));
                try { await Task.Delay(50, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var clock = Stopwatch.StartNew();
        var result = await stage();
        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        var peaks = pids.Select((pid, i) => Math.Max(sampled[i], resets[i] ? ReadKb(pid, "VmHWM:") : 0) / 1024.0)
            .ToArray();
        var done = new StageResult(name, seconds, peaks[0], pids.Length > 1 ? peaks[1] : null,
            count is null ? null : count(result), unit);
        _stages.Add(done);
        Console.WriteLine(done.ToString());
        return result;
    }

    /// <summary>Writing 5 to clear_refs resets the peak RSS (Linux 4.0+); false where the kernel refuses.</summary>
    private static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadKb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status")
                .FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0
                : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

/// <summary>One measured stage: wall seconds, the peak RSS of the API and of the benchmark, and a rate.</summary>
public sealed record StageResult(string Name, double Seconds, double ApiPeakMb, double? BenchPeakMb, double? Count,
    string Unit)
{
    public double PeakMb => Math.Max(ApiPeakMb, BenchPeakMb ?? 0);

    public override string ToString() =>
        FormattableString.Invariant($"  {Name,-28} {Seconds,9:F2} s  peak RSS api {ApiPeakMb,7:F0} MB, ")
        + FormattableString.Invariant($"bench {BenchPeakMb ?? 0,6:F0} MB")
        + (Count is { } n ? FormattableString.Invariant($"  {n / Seconds,12:N0} {Unit}/s") : "");
}
