using System.Diagnostics;
using System.Globalization;

namespace Prebias.Core.Evaluation;

/// <summary>
/// Seconds spent in each part of a checkpoint evaluation (generations, bias probes, val loss, representations, ...),
/// summed over the checkpoints of a job, so a slow part shows up in the job's final message and in
/// <c>bench experiment</c>. A new part is one more <see cref="Time{T}"/> call.
/// </summary>
public sealed class EvaluationPartTimer
{
    private readonly Dictionary<string, double> _seconds = [];

    public IReadOnlyDictionary<string, double> Seconds => _seconds;

    public T Time<T>(string part, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return work();
        }
        finally
        {
            _seconds[part] = _seconds.GetValueOrDefault(part) + clock.Elapsed.TotalSeconds;
        }
    }

    public void Time(string part, Action work) => Time<object?>(part, () => { work(); return null; });

    /// <summary><c>generations=1.23 bias_probes=0.40 ...</c>, slowest first.</summary>
    public override string ToString() => string.Join(' ', _seconds.OrderByDescending(p => p.Value)
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value:F2}")));
}
