using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Prebias.Core.Metrics;
using Prebias.Core.SampleMetrics;
using Prebias.Workers;

namespace Prebias.Bench;

/// <summary>
/// <c>bench copy [--rows 500000] [--repeat 3] [--connection CS]</c>: rows/s of <c>SampleMetricsStore.ReplaceAsync</c>
/// (binary COPY of every metric column into a staging table, then one upsert into <c>sample_metrics</c>), the path
/// the metrics job takes. Needs a migrated Prebias database (e.g. the one <c>./run.sh</c> starts); its scratch
/// dataset is removed afterwards.
/// </summary>
public static class CopyBench
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var a = new CommandArgs(args);
        var rows = a.GetInt("rows", 500_000);
        var repeat = a.GetInt("repeat", 3);
        var connection = a.Get("connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Prebias")
            ?? "Host=127.0.0.1;Port=54329;Username=postgres;Database=prebias";
        await using var dataSource = NpgsqlDataSource.Create(connection);
        var store = new SampleMetricsStore(dataSource, new SampleAttributeStore(dataSource));
        var metrics = MetricRegistry.TextMetrics;

        var random = new Random(1);
        var values = new double[rows * metrics.Count];
        for (var i = 0; i < values.Length; i++) values[i] = random.NextDouble();
        var ids = Enumerable.Range(0, rows).ToArray();

        var datasetId = await CreateScratchDatasetAsync(dataSource, ct);
        try
        {
            var best = 0.0;
            for (var r = 0; r < repeat; r++)
            {
                var sw = Stopwatch.StartNew();
                await store.ReplaceAsync(datasetId, metrics, ids, values, ct);
                var perSecond = rows / sw.Elapsed.TotalSeconds;
                Console.WriteLine($"repeat {r + 1}: {rows:N0} rows × {metrics.Count} metrics in {sw.Elapsed.TotalSeconds:F2} s = {perSecond:N0} rows/s" +
                                  (r == 0 ? " (insert)" : " (replace)"));
                best = Math.Max(best, perSecond);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows_per_second: {best:F0}"));
            return 0;
        }
        finally
        {
            await using var cleanup = dataSource.CreateCommand("DELETE FROM datasets WHERE id = @d; DELETE FROM tokenizers WHERE id = @d; DELETE FROM corpora WHERE id = @d");
            cleanup.Parameters.AddWithValue("d", datasetId);
            await cleanup.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>sample_metrics rows reference a dataset (which references a corpus and a tokenizer): make scratch ones.</summary>
    private static async Task<Guid> CreateScratchDatasetAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO corpora (id, name, source_kind, source, state, skipped_documents, created_at) VALUES (@d, 'bench-copy', 'bench', '{}', 'Ready', 0, now());
            INSERT INTO tokenizers (id, name, kind, source, state, created_at) VALUES (@d, 'bench-copy', 'bench', '{}', 'Ready', now());
            INSERT INTO datasets (id, corpus_id, tokenizer_id, max_seq_len, val_fraction, seed, state, created_at) VALUES (@d, @d, @d, 1, 0, 0, 'Ready', now());
            """);
        cmd.Parameters.AddWithValue("d", id);
        await cmd.ExecuteNonQueryAsync(ct);
        return id;
    }
}
