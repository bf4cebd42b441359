using Npgsql;
using NpgsqlTypes;
using Prebias.Core.Metrics;

namespace Prebias.Core.SampleMetrics;

/// <summary>
/// The long <c>sample_attributes</c> table: one row per (dataset, attribute, sample) holding the numeric value of a
/// corpus document attribute (<see cref="AttributeMetric"/>). Long rather than a column per attribute because the
/// names come from each corpus: no DDL is ever built from data, and every name travels as a query parameter.
/// </summary>
public sealed class SampleAttributeStore(NpgsqlDataSource dataSource)
{
    /// <summary>Replaces all attribute values of a dataset in one transaction (a retried job writes the same rows).</summary>
    public async Task ReplaceAsync(Guid datasetId, IEnumerable<(string Key, int SampleId, double Value)> rows,
        CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var delete = new NpgsqlCommand("DELETE FROM sample_attributes WHERE dataset_id = @d", connection, tx))
        {
            delete.Parameters.AddWithValue("d", datasetId);
            await delete.ExecuteNonQueryAsync(ct);
        }
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY sample_attributes (dataset_id, name, sample_id, value) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (key, sampleId, value) in rows)
            {
                ct.ThrowIfCancellationRequested();
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(datasetId, NpgsqlDbType.Uuid, ct);
                await importer.WriteAsync(key, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(sampleId, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(value, NpgsqlDbType.Double, ct);
            }
            await importer.CompleteAsync(ct);
        }
        await SampleMetricSummaryStore.InvalidateAsync(connection, tx, datasetId, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Values of one attribute by sample id (samples without it are absent).</summary>
    public async Task<Dictionary<int, double>> ValuesAsync(Guid datasetId, string key, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT sample_id, value FROM sample_attributes WHERE dataset_id = @d AND name = @name");
        cmd.Parameters.AddWithValue("d", datasetId);
        cmd.Parameters.AddWithValue("name", key);
        var values = new Dictionary<int, double>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) values[reader.GetInt32(0)] = reader.GetDouble(1);
        return values;
    }

    /// <summary>Every attribute of the listed samples, by sample id, under its metric name (<c>attr.*</c>).</summary>
    public async Task<Dictionary<int, Dictionary<string, double>>> OfSamplesAsync(Guid datasetId,
        IReadOnlyCollection<int> sampleIds, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT sample_id, name, value FROM sample_attributes WHERE dataset_id = @d AND sample_id = ANY(@ids)");
        cmd.Parameters.AddWithValue("d", datasetId);
        cmd.Parameters.AddWithValue("ids", sampleIds.ToArray());
        var values = new Dictionary<int, Dictionary<string, double>>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt32(0);
            if (!values.TryGetValue(id, out var sample)) values[id] = sample = new Dictionary<string, double>();
            sample[AttributeMetric.Prefix + reader.GetString(1)] = reader.GetDouble(2);
        }
        return values;
    }

    /// <summary>The attribute metric names (<c>attr.*</c>) that have values for the dataset.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(Guid datasetId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT DISTINCT name FROM sample_attributes WHERE dataset_id = @d ORDER BY name");
        cmd.Parameters.AddWithValue("d", datasetId);
        var names = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(AttributeMetric.Prefix + reader.GetString(0));
        return names;
    }

    /// <summary>Mean of every attribute over a set of samples (a sample listed twice counts twice), as
    /// <see cref="SampleMetricsQueries.MeanAsync"/> does for the metric columns.</summary>
    public async Task<Dictionary<string, double?>> MeansAsync(Guid datasetId, IReadOnlyCollection<int> sampleIds,
        CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT a.name, avg(a.value)
            FROM unnest(@ids) AS u(id) JOIN sample_attributes a ON a.dataset_id = @d AND a.sample_id = u.id
            GROUP BY a.name
            """);
        cmd.Parameters.AddWithValue("d", datasetId);
        cmd.Parameters.AddWithValue("ids", sampleIds.ToArray());
        var means = new Dictionary<string, double?>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) means[AttributeMetric.Prefix + reader.GetString(0)] = reader.GetDouble(1);
        return means;
    }

    /// <summary>Distribution of each attribute over the dataset's samples (optionally one split).</summary>
    public async Task<IReadOnlyList<MetricSummary>> SummaryAsync(Guid datasetId, string? split, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT a.name, count(*), avg(a.value), stddev_samp(a.value), min(a.value),
                   percentile_cont(ARRAY[0.05, 0.25, 0.5, 0.75, 0.95]) WITHIN GROUP (ORDER BY a.value), max(a.value)
            FROM sample_attributes a JOIN samples s ON s.dataset_id = a.dataset_id AND s.id = a.sample_id
            WHERE a.dataset_id = @d {(split is null ? "" : "AND s.split = @split")}
            GROUP BY a.name ORDER BY a.name
            """);
        cmd.Parameters.AddWithValue("d", datasetId);
        if (split is not null) cmd.Parameters.AddWithValue("split", split);
        var result = new List<MetricSummary>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var q = reader.GetFieldValue<double[]>(5);
            result.Add(new MetricSummary(AttributeMetric.Prefix + reader.GetString(0), reader.GetInt64(1),
                reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetDouble(3), reader.GetDouble(4),
                q[0], q[1], q[2], q[3], q[4], reader.GetDouble(6)));
        }
        return result;
    }
}
