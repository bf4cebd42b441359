using Prebias.Core.Ordering;
using Prebias.Core.SampleMetrics;

namespace Prebias.Core.Evaluation;

/// <summary>
/// The input side of a saturation curve: from the run's ledger, the mean metrics of the samples a checkpoint saw since
/// the previous checkpoint (window) and of all it has seen (cumulative), through the shared batch aggregate
/// <see cref="SampleMetricsQueries.MeanAsync"/>. A sample seen in two epochs counts twice.
/// </summary>
public static class InputMetricWindows
{
    public static async Task<(IReadOnlyDictionary<string, double?> Window, IReadOnlyDictionary<string, double?> Cumulative)> ComputeAsync(
        SampleMetricsQueries queries, Guid datasetId, CompiledOrder order, long previousSamplesSeen, long samplesSeen, CancellationToken ct)
    {
        var ids = order.SampleIds;
        var end = (int)Math.Min(samplesSeen, ids.Length);
        var start = (int)Math.Clamp(previousSamplesSeen, 0, end);
        var window = end > start ? await queries.MeanAsync(datasetId, ids[start..end], ct) : Empty;
        var cumulative = end > 0 ? await queries.MeanAsync(datasetId, ids[..end], ct) : Empty;
        return (window, cumulative);
    }

    private static readonly IReadOnlyDictionary<string, double?> Empty = new Dictionary<string, double?>();
}
