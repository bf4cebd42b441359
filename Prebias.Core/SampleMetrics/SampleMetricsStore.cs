using Npgsql;
using NpgsqlTypes;
using Prebias.Core.Metrics;

namespace Prebias.Core.SampleMetrics;

/// <summary>
/// The wide <c>sample_metrics</c> table: one row per (dataset, sample), one double column per registered metric,
/// NULL where a metric is undefined (NaN) or not computed. Column names come from <see cref="MetricRegistry"/>
/// definitions only, never from requests.
/// </summary>
public sealed class SampleMetricsStore(NpgsqlDataSource dataSource, SampleAttributeStore attributes)
{
    /// <summary>
    /// Replaces the given metric columns of a dataset in one transaction: binary COPY into a temporary table, then
    /// one upsert. Other columns (say, a model-based perplexity) keep their values; a retried job writes the same
    /// values again, never duplicates, and a failure leaves the previous values untouched.
    /// </summary>
    /// <param name="values">Row-major, <c>sampleIds.Count × metrics.Count</c>.</param>
    public Task ReplaceAsync(Guid datasetId, IReadOnlyList<MetricDefinition> metrics, IReadOnlyList<int> sampleIds,
        ReadOnlyMemory<double> values, CancellationToken ct) =>
        ReplaceAsync(datasetId, metrics, Single(new MetricRows(sampleIds, values)), ct);

    /// <summary>
    /// The same, streamed: chunks of rows are copied as they are produced (the metrics job scores a chunk while the
    /// previous one is on its way to Postgres), so memory stays one chunk whatever the dataset size. Still one
    /// transaction: a failure in any chunk leaves the earlier values untouched.
    /// </summary>
    public async Task ReplaceAsync(Guid datasetId, IReadOnlyList<MetricDefinition> metrics, IAsyncEnumerable<MetricRows> chunks, CancellationToken ct)
    {
        var columns = metrics.Select(m => Quote(m.Name)).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // The sort indexes go first, in their own short transaction: DROP INDEX locks the whole table, which must not
        // last as long as the COPY. Until they are rebuilt, sorted pages of this dataset sort (correct, slower).
        await ExecAllAsync(connection, SampleMetricsSchema.DropSortIndexesSql(datasetId), ct);
        await CopyAsync(connection, datasetId, metrics, columns, chunks, ct);
        await ExecAllAsync(connection, SampleMetricsSchema.CreateSortIndexesSql(datasetId), ct);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, Guid datasetId,
        IReadOnlyList<MetricDefinition> metrics, List<string> columns, IAsyncEnumerable<MetricRows> chunks,
        CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await Exec(connection, $"CREATE TEMP TABLE staged_metrics (sample_id integer NOT NULL, {string.Join(", ", columns.Select(c => $"{c} double precision"))}) ON COMMIT DROP", ct);

        await using (var importer = await connection.BeginBinaryImportAsync(
            $"COPY staged_metrics (sample_id, {string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct))
        {
            await foreach (var chunk in chunks.WithCancellation(ct))
            {
                if (chunk.Values.Length != chunk.SampleIds.Count * metrics.Count)
                    throw new ArgumentException($"Expected {chunk.SampleIds.Count}×{metrics.Count} values, got {chunk.Values.Length}.");
                Write(importer, chunk, metrics.Count, ct);
            }
            await importer.CompleteAsync(ct);
        }

        await using (var upsert = new NpgsqlCommand($"""
            INSERT INTO sample_metrics (dataset_id, sample_id, {string.Join(", ", columns)})
            SELECT @dataset, sample_id, {string.Join(", ", columns)} FROM staged_metrics
            ON CONFLICT (dataset_id, sample_id) DO UPDATE SET {string.Join(", ", columns.Select(c => $"{c} = EXCLUDED.{c}"))}
            """, connection, tx))
        {
            upsert.Parameters.AddWithValue("dataset", datasetId);
            upsert.CommandTimeout = 0;
            await upsert.ExecuteNonQueryAsync(ct);
        }
        await SampleMetricSummaryStore.InvalidateAsync(connection, tx, datasetId, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Synchronous writes: they only fill Npgsql's buffer (flushed as it fills); per-value awaits cost 2×.</summary>
    private static void Write(NpgsqlBinaryImporter importer, MetricRows chunk, int columns, CancellationToken ct)
    {
        var values = chunk.Values.Span;
        for (var row = 0; row < chunk.SampleIds.Count; row++)
        {
            ct.ThrowIfCancellationRequested();
            importer.StartRow();
            importer.Write(chunk.SampleIds[row], NpgsqlDbType.Integer);
            var offset = row * columns;
            for (var c = 0; c < columns; c++)
            {
                var v = values[offset + c];
                if (double.IsFinite(v)) importer.Write(v, NpgsqlDbType.Double);
                else importer.WriteNull();
            }
        }
    }

    private static async IAsyncEnumerable<MetricRows> Single(MetricRows rows)
    {
        await Task.CompletedTask;
        yield return rows;
    }

    /// <summary>Which metrics have at least one value for the dataset: columns, then copied attributes.</summary>
    public async Task<IReadOnlyList<string>> ComputedMetricsAsync(Guid datasetId, CancellationToken ct)
    {
        var all = MetricRegistry.All;
        IReadOnlyList<string> columns;
        // Reader and connection go back before the next query: a data reader disposed twice (the explicit
        // call and the `using`) could consume the results of whoever had since been given the pooled connection.
        {
            await using var cmd = dataSource.CreateCommand(
                $"SELECT {string.Join(", ", all.Select(m => $"count({Quote(m.Name)})"))} "
                + "FROM sample_metrics WHERE dataset_id = @d");
            cmd.Parameters.AddWithValue("d", datasetId);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            columns = [.. all.Where((_, i) => reader.GetInt64(i) > 0).Select(m => m.Name)];
        }
        return [.. columns, .. await attributes.NamesAsync(datasetId, ct)];
    }

    /// <summary>A registry name as a SQL identifier. Names are snake_case ASCII by construction; checked anyway.</summary>
    public static string Quote(string metricName)
    {
        if (!MetricRegistry.TryGet(metricName, out var definition) || definition.Kind == MetricKind.Attribute)
            throw new UnknownMetricException([metricName], MetricRegistry.Names);
        return $"\"{definition.Name}\"";
    }

    /// <summary>The statements as one batch: one round trip and one implicit transaction.</summary>
    private static async Task ExecAllAsync(NpgsqlConnection connection, IEnumerable<string> statements,
        CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection) { Timeout = 0 };
        foreach (var sql in statements) batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static async Task Exec(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
