using Npgsql;
using Parquet;
using Parquet.Schema;
using Prebias.Core.Metrics;

namespace Prebias.Core.SampleMetrics;

/// <summary>
/// Every sample of a dataset with its metric values as one Parquet file, in sample id order. Rows arrive from one
/// streamed query and leave in row groups of a bounded size, so memory stays one row group whatever the dataset size.
/// The column names are the sample page's (<c>GET /api/datasets/{id}/samples</c>) without its text preview.
/// </summary>
public sealed class SampleMetricsExport(NpgsqlDataSource dataSource)
{
    /// <summary>Rows per row group: 64k rows of ~30 columns is a few MB to hold, and compresses well.</summary>
    public const int DefaultRowGroupRows = 65_536;

    public static IReadOnlyList<string> ColumnNames { get; } =
        ["id", "documentIndex", "split", "tokenizerTokens", .. MetricRegistry.All.Select(m => m.Name)];

    /// <returns>The number of rows written.</returns>
    public async Task<long> WriteParquetAsync(Guid datasetId, Stream output, CancellationToken ct,
        int rowGroupRows = DefaultRowGroupRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupRows, 1);
        var metrics = MetricRegistry.All;
        var fields = new DataField[]
        {
            new DataField<int>(ColumnNames[0]), new DataField<int>(ColumnNames[1]),
            new DataField<string>(ColumnNames[2]), new DataField<int>(ColumnNames[3]),
        }.Concat(metrics.Select(m => new DataField<double?>(m.Name))).ToArray();
        var group = new RowGroupBuffer(rowGroupRows, metrics.Count);

        await using var command = dataSource.CreateCommand($"""
            SELECT s.id, s.document_index, s.split, s.token_count,
                   {string.Join(", ", metrics.Select(m => "m." + SampleMetricsStore.Quote(m.Name)))}
            FROM samples s LEFT JOIN sample_metrics m ON m.dataset_id = s.dataset_id AND m.sample_id = s.id
            WHERE s.dataset_id = @d
            ORDER BY s.id
            """);
        command.Parameters.AddWithValue("d", datasetId);
        command.CommandTimeout = 0;
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output,
            cancellationToken: ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        long rows = 0;
        while (await reader.ReadAsync(ct))
        {
            group.Add(reader);
            rows++;
            if (group.Count == rowGroupRows) await group.FlushAsync(writer, fields, ct);
        }
        // An empty dataset still gets one (empty) row group, so the file carries its schema for every reader.
        if (group.Count > 0 || rows == 0) await group.FlushAsync(writer, fields, ct);
        return rows;
    }

    /// <summary>One row group's columns, reused for every group.</summary>
    private sealed class RowGroupBuffer(int capacity, int metricCount)
    {
        private readonly int[] _ids = new int[capacity], _documents = new int[capacity], _tokens = new int[capacity];
        private readonly string[] _splits = new string[capacity];
        private readonly double?[][] _metrics =
            [.. Enumerable.Range(0, metricCount).Select(_ => new double?[capacity])];

        public int Count { get; private set; }

        public void Add(NpgsqlDataReader reader)
        {
            _ids[Count] = reader.GetInt32(0);
            _documents[Count] = reader.GetInt32(1);
            _splits[Count] = reader.GetString(2);
            _tokens[Count] = reader.GetInt32(3);
            for (var m = 0; m < _metrics.Length; m++)
                _metrics[m][Count] = reader.IsDBNull(4 + m) ? null : reader.GetDouble(4 + m);
            Count++;
        }

        public async Task FlushAsync(ParquetWriter writer, DataField[] fields, CancellationToken ct)
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(fields[0], _ids.AsMemory(0, Count), cancellationToken: ct);
            await group.WriteAsync<int>(fields[1], _documents.AsMemory(0, Count), cancellationToken: ct);
            await group.WriteAsync(fields[2], new ArraySegment<string>(_splits, 0, Count));
            await group.WriteAsync<int>(fields[3], _tokens.AsMemory(0, Count), cancellationToken: ct);
            for (var m = 0; m < _metrics.Length; m++)
                await group.WriteAsync<double>(fields[4 + m], new ReadOnlyMemory<double?>(_metrics[m], 0, Count),
                    cancellationToken: ct);
            Count = 0;
        }
    }
}
