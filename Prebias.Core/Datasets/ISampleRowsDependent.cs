using Npgsql;

namespace Prebias.Core.Datasets;

/// <summary>
/// A store whose rows are computed from a dataset's samples (the stored metric summaries): <see cref="SampleTable"/>
/// clears it in the transaction that replaces the samples. An interface here, implemented in SampleMetrics, because
/// SampleMetrics already depends on Datasets and Core's namespaces must not form a cycle.
/// </summary>
public interface ISampleRowsDependent
{
    Task InvalidateAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid datasetId, CancellationToken ct);
}
