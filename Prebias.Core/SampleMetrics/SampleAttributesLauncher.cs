using Prebias.Core.Jobs;
using Prebias.Core.Metrics;
using Prebias.Core.Persistence;
using Prebias.Core.Validation;

namespace Prebias.Core.SampleMetrics;

/// <summary>
/// Starts copying a dataset's numeric and boolean corpus attributes into per-sample <c>attr.&lt;name&gt;</c> values
/// (<c>POST /api/datasets/{id}/attributes</c>), after the dataset's build when that is still running.
/// </summary>
public sealed class SampleAttributesLauncher(PrebiasDbContext db, JobScheduler scheduler)
{
    /// <param name="datasetId">The dataset.</param>
    /// <param name="attributes">Attribute names (<c>bad_ending</c>) or metric names (<c>attr.bad_ending</c>); all
    /// numeric and boolean attributes when null or empty.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<LaunchResult> LaunchAsync(Guid datasetId, string[]? attributes, CancellationToken ct)
    {
        if (new FieldErrors().Items("attributes", attributes, 0, RequestLimits.ListItems) is { Count: > 0 } invalid)
            return new LaunchResult.Invalid(invalid.ToDictionary());
        string[]? keys = null;
        if (attributes is { Length: > 0 })
        {
            var bad = attributes.Where(a => !AttributeMetric.TryParse(ToMetricName(a), out _)).ToList();
            if (bad.Count > 0)
                return LaunchResult.Field("attributes",
                    $"not attribute names (lower-case letters, digits, _; at most 60): {string.Join(", ", bad)}");
            keys = [.. attributes
                .Select(a => AttributeMetric.TryParse(ToMetricName(a), out var k) ? k : "")
                .Distinct()];
        }
        var (dataset, refusal) = await DatasetFollowUp.FindAsync(db, datasetId, ct);
        if (refusal is not null) return refusal;
        return await DatasetFollowUp.EnqueueAsync<SampleAttributesJob>(scheduler, dataset!,
            j => j.RunAsync(datasetId, keys, CancellationToken.None), ct);
    }

    private static string ToMetricName(string attribute) =>
        attribute.StartsWith(AttributeMetric.Prefix, StringComparison.OrdinalIgnoreCase)
            ? attribute
            : AttributeMetric.Prefix + attribute;
}
