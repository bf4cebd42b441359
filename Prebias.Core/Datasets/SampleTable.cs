using Npgsql;
using NpgsqlTypes;

namespace Prebias.Core.Datasets;

/// <summary>
/// Writes a dataset's rows of the <c>samples</c> table with binary COPY, replacing any earlier rows of that dataset
/// in the same transaction (a retried dataset job never duplicates samples), and clearing what was computed from them.
/// </summary>
public sealed class SampleTable(NpgsqlDataSource dataSource, IEnumerable<ISampleRowsDependent> dependents)
{
    public async Task ReplaceAsync(Guid datasetId, IReadOnlyList<PretokenizedSample> samples, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var delete = new NpgsqlCommand("DELETE FROM samples WHERE dataset_id = @d", connection, tx))
        {
            delete.Parameters.AddWithValue("d", datasetId);
            await delete.ExecuteNonQueryAsync(ct);
        }
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY samples (dataset_id, id, document_index, token_count, split, truncated) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var s in samples)
            {
                importer.StartRow();
                importer.Write(datasetId, NpgsqlDbType.Uuid);
                importer.Write(checked((int)s.SampleId), NpgsqlDbType.Integer);
                importer.Write(checked((int)s.DocumentIndex), NpgsqlDbType.Integer);
                importer.Write(s.TokenCount, NpgsqlDbType.Integer);
                importer.Write(s.Split == DatasetSplit.Val ? "val" : "train", NpgsqlDbType.Varchar);
                importer.Write(s.Truncated, NpgsqlDbType.Boolean);
            }
            await importer.CompleteAsync(ct);
        }
        // The splits feed the stored metric summaries; a rebuilt dataset's are recomputed, not trusted.
        foreach (var dependent in dependents) await dependent.InvalidateAsync(connection, tx, datasetId, ct);
        await tx.CommitAsync(ct);
    }
}
