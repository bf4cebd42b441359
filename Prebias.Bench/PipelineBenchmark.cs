using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Parquet;
using Prebias.Core.Ordering;
using Prebias.Core.SampleMetrics;
using Prebias.Workers;
using Prebias.Workers.Demo;

namespace Prebias.Bench;

/// <summary>
/// <c>bench pipeline --api URL --key-file PATH --connection CS [--api-pid PID] [--data DIR] [--documents 100000]
/// [--vocab 512]</c>: a synthetic corpus of N documents through the whole data path with the real jobs of a running
/// API (<c>scripts/bench-pipeline.sh</c> starts one on a throwaway Postgres): corpus generation, vocabulary training,
/// pretokenization, sample metrics (COPY), order compile for every method, a run's ledger, sorted sample pages,
/// metric summary and histograms (stored by the metrics job; peers: the live queries, and the job's refresh timed
/// alone), the Parquet export of every sample. Per stage: seconds, peak RSS, rate. Last lines:
/// <c>total_seconds</c>, <c>peak_rss_mb</c> (largest over the stages), <c>sorted_query_p99_ms</c> and
/// <c>disk_mb_per_million_stories</c>.
/// </summary>
public static class PipelineBenchmark
{
    private static readonly string[] SortMetrics =
        ["sentiment", "token_count", "flesch_kincaid_grade", "profanity_rate"];
    private const int PagesPerSort = 5, QueryRounds = 3, LedgerSteps = 4;

    // Measured for comparison, not steps of the data path: total_seconds leaves them out.
    private const string IndexRebuild = "sort index build", SqlPeer = "sorted pages, SQL only",
        UnindexedPeer = "sorted pages, SQL, no index", StoredVsLive = "stored vs live summaries",
        SummaryRefresh = "summary refresh (in the metrics job; again alone)";
    private const int SummaryRounds = 3;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var a = new CommandArgs(args);
        var documents = a.GetInt("documents", 100_000);
        var key = File.ReadAllText(a.Require("key-file")).Trim();
        int? apiPid = a.Get("api-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null;
        using var client = PrebiasClient.Create(a.Require("api"), key);
        await client.WaitUntilReadyAsync(apiPid, TimeSpan.FromMinutes(3), ct);
        await using var dataSource = NpgsqlDataSource.Create(a.Require("connection"));
        var meter = new StageMeter(apiPid);
        Console.WriteLine($"== pipeline: {documents:N0} synthetic documents ==");

        var corpusId = await meter.MeasureAsync("corpus generation", () => CreateAsync(client, "api/corpora", new
        {
            name = $"bench pipeline {documents}",
            source = new { kind = "synthetic", synthetic = new { seed = 42, documents } },
        }, ct), _ => documents, "documents");
        var tokenizerId = await meter.MeasureAsync("vocabulary training", () => CreateAsync(client, "api/tokenizers",
            new { kind = "train", corpusId, vocabSize = a.GetInt("vocab", 512) }, ct), _ => documents, "documents");
        var datasetId = await meter.MeasureAsync("pretokenization", () => CreateAsync(client, "api/datasets",
            new { corpusId, tokenizerId, maxSeqLen = 256, valFraction = 0.05, seed = 1337 }, ct),
            _ => documents, "samples");
        await meter.MeasureAsync("sample metrics (COPY)", async () =>
        {
            var (_, job) = await client.PostAsync($"api/datasets/{datasetId}/metrics", new { }, ct);
            return await client.WaitForJobAsync(job, "metrics", ct);
        }, _ => documents, "samples");

        // What the sort indexes add to the metrics COPY: the same drop and bulk build the store runs after it.
        await meter.MeasureAsync(IndexRebuild, async () =>
        {
            await ExecAllAsync(dataSource, SampleMetricsSchema.DropSortIndexesSql(Guid.Parse(datasetId)), ct);
            await ExecAllAsync(dataSource, SampleMetricsSchema.CreateSortIndexesSql(Guid.Parse(datasetId)), ct);
            return 0;
        }, _ => documents, "samples");

        var (trainIds, values) = await TrainValuesAsync(dataSource, Guid.Parse(datasetId), "sentiment", ct);
        foreach (var method in OrderingMethods.All.Where(m => m != OrderingMethods.Dynamic))
            await meter.MeasureAsync($"order compile {method}", () => Task.FromResult(OrderingCompiler.Compile(
                OrderingBenchmark.SpecFor(method), trainIds, values, seed: 1, samplesNeeded: trainIds.Length)),
                _ => trainIds.Length, "samples");

        var runId = await meter.MeasureAsync("run (order + 4 steps)", () => CreateAsync(client, "api/runs", new
        {
            name = "bench pipeline ledger", datasetId, model = new { preset = "stories260k" }, seed = 1,
            evaluate = false,
            ordering = new { method = "shuffle" },
            training = new
            {
                batchSize = 16, maxIters = LedgerSteps, evalInterval = LedgerSteps, evalIters = 1, warmupIters = 1,
            },
        }, ct));
        var ledger = await meter.MeasureAsync("ledger queries", () => LatenciesAsync(client,
            Enumerable.Range(0, 25).Select(i => $"api/runs/{runId}/steps/{i % LedgerSteps}/samples"), ct),
            l => l.Count, "queries");
        var sorted = await meter.MeasureAsync("sorted sample queries", () => SortedPagesAsync(client, datasetId, ct),
            l => l.Count, "queries");
        var valPages = await meter.MeasureAsync("sorted val-split queries", () => LatenciesAsync(client,
            SortMetrics.Select(m => $"api/datasets/{datasetId}/samples?sort={m}&split=val&limit=100"), ct),
            l => l.Count, "queries");
        // The peer: the same query class with Postgres's index scans off, i.e. the whole metric column sorted per page.
        var sql = await meter.MeasureAsync(SqlPeer, () => SqlPagesAsync(dataSource, datasetId, ct),
            l => l.Count, "pages");
        var connection = new NpgsqlConnectionStringBuilder(a.Require("connection"))
        {
            Options = "-c enable_indexscan=off -c enable_indexonlyscan=off -c enable_bitmapscan=off",
        };
        await using var unindexed = NpgsqlDataSource.Create(connection.ConnectionString);
        var sqlUnindexed = await meter.MeasureAsync(UnindexedPeer,
            () => SqlPagesAsync(unindexed, datasetId, ct),
            l => l.Count, "pages");
        await meter.MeasureAsync("metric summary",
            () => client.GetAsync($"api/datasets/{datasetId}/metrics/summary", ct));
        await meter.MeasureAsync("metric histograms",
            () => client.GetAsync($"api/datasets/{datasetId}/metrics/histograms", ct));
        // The live queries run without the 30 s command timeout, so they are measured where the route would fail.
        await using var untimed = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(a.Require("connection")) { CommandTimeout = 0 }.ConnectionString);
        var (stored, live) = await meter.MeasureAsync(StoredVsLive,
            () => StoredVsLiveAsync(client, untimed, Guid.Parse(datasetId), ct));
        var summaries = new SampleMetricSummaryStore(untimed,
            new SampleMetricsQueries(untimed, new SampleAttributeStore(untimed)));
        await meter.MeasureAsync(SummaryRefresh, () => summaries.RefreshAsync(Guid.Parse(datasetId), ct));
        var exported = await meter.MeasureAsync("parquet export",
            () => ExportAsync(a.Require("api"), key, datasetId, ct),
            rows => rows, "rows");
        if (exported != documents) Console.WriteLine($"  the export holds {exported:N0} rows, not {documents:N0}");

        var diskBytes = await DatabaseBytesAsync(dataSource, ct) + (a.Get("data") is { } data ? FolderBytes(data) : 0);
        Console.WriteLine(Figure("ledger_query_p50_ms", Percentile(ledger, 0.50)));
        Console.WriteLine(Figure("ledger_query_p99_ms", Percentile(ledger, 0.99)));
        Console.WriteLine(Figure("sorted_query_p50_ms", Percentile(sorted, 0.50)));
        Console.WriteLine(Figure("sorted_val_query_p99_ms", Percentile(valPages, 0.99)));
        Console.WriteLine(Figure("sorted_page_sql_p50_ms", Percentile(sql, 0.50)));
        Console.WriteLine(Figure("sorted_page_sql_unindexed_p50_ms", Percentile(sqlUnindexed, 0.50)));
        Console.WriteLine(Figure("sort_index_speedup", Percentile(sqlUnindexed, 0.50) / Percentile(sql, 0.50)));
        foreach (var (route, i) in new[] { ("summary", 0), ("histograms", 1) })
        {
            var (fromTable, fromScan) = (Median(stored[i]), Median(live[i]));
            Console.WriteLine(Figure($"{route}_stored_ms", fromTable));
            Console.WriteLine(Figure($"{route}_live_ms", fromScan));
            Console.WriteLine(Figure($"{route}_stored_speedup", fromScan / fromTable));
        }
        Console.WriteLine(Figure("summary_refresh_seconds",
            meter.Stages.Single(s => s.Name == SummaryRefresh).Seconds));
        Console.WriteLine(Figure("disk_mb_per_million_stories", diskBytes / 1e6 / documents * 1e6));
        Console.WriteLine(Figure("total_seconds", meter.Stages
            .Where(s => s.Name is not (IndexRebuild or SqlPeer or UnindexedPeer or StoredVsLive or SummaryRefresh))
            .Sum(s => s.Seconds)));
        Console.WriteLine(Figure("peak_rss_mb", meter.Stages.Max(s => s.PeakMb)));
        Console.WriteLine(Figure("sorted_query_p99_ms", Percentile(sorted, 0.99)));
        return exported == documents ? 0 : 1;
    }

    private static async Task<string> CreateAsync(PrebiasClient client, string path, object body, CancellationToken ct)
    {
        var (id, job) = await client.PostAsync(path, body, ct);
        await client.WaitForJobAsync(job, path, ct);
        return id;
    }

    /// <summary>First pages and the next pages after each, per metric and direction, and a val-only page.</summary>
    private static async Task<List<double>> SortedPagesAsync(PrebiasClient client, string datasetId,
        CancellationToken ct)
    {
        var latencies = new List<double>();
        for (var round = 0; round < QueryRounds; round++)
            foreach (var metric in SortMetrics)
                foreach (var order in new[] { "asc", "desc" })
                {
                    string? next = null;
                    for (var page = 0; page < PagesPerSort; page++)
                    {
                        var path = $"api/datasets/{datasetId}/samples?sort={metric}&order={order}&limit=100"
                                   + (next is null ? "" : $"&after={Uri.EscapeDataString(next)}");
                        var clock = Stopwatch.StartNew();
                        var answer = await client.GetAsync(path, ct);
                        latencies.Add(clock.Elapsed.TotalMilliseconds);
                        if (answer.GetProperty("next") is not { ValueKind: JsonValueKind.String } cursor) break;
                        next = cursor.GetString();
                    }
                }
        return latencies;
    }

    /// <summary>Pages of <see cref="SampleMetricsQueries"/> alone (no HTTP, no previews): first, then next.</summary>
    private static async Task<List<double>> SqlPagesAsync(NpgsqlDataSource dataSource, string datasetId,
        CancellationToken ct)
    {
        var queries = new SampleMetricsQueries(dataSource, new SampleAttributeStore(dataSource));
        var latencies = new List<double>();
        foreach (var metric in SortMetrics)
            foreach (var descending in new[] { false, true })
            {
                SampleCursor? after = null;
                for (var page = 0; page < PagesPerSort; page++)
                {
                    var clock = Stopwatch.StartNew();
                    var query = new SampleQuery(Guid.Parse(datasetId), metric, descending, null, null, null, 100,
                        after);
                    var rows = await queries.PageAsync(query, ct);
                    latencies.Add(clock.Elapsed.TotalMilliseconds);
                    if (rows.Count == 0) break;
                    after = new SampleCursor(rows[^1].Metrics[metric], rows[^1].Id);
                }
            }
        return latencies;
    }

    /// <summary>
    /// Milliseconds of the summary and histogram routes (stored rows, over HTTP) against the live queries they ran
    /// before (SQL only, here), interleaved for <see cref="SummaryRounds"/> rounds: [0] summary, [1] histograms.
    /// </summary>
    private static async Task<(List<double>[] Stored, List<double>[] Live)> StoredVsLiveAsync(PrebiasClient client,
        NpgsqlDataSource dataSource, Guid datasetId, CancellationToken ct)
    {
        var queries = new SampleMetricsQueries(dataSource, new SampleAttributeStore(dataSource));
        List<double>[] stored = [[], []], live = [[], []];
        for (var round = 0; round < SummaryRounds; round++)
        {
            stored[0].AddRange(await LatenciesAsync(client, [$"api/datasets/{datasetId}/metrics/summary"], ct));
            live[0].Add(await MillisecondsAsync(() => queries.SummaryAsync(datasetId, null, ct)));
            stored[1].AddRange(await LatenciesAsync(client, [$"api/datasets/{datasetId}/metrics/histograms"], ct));
            live[1].Add(await MillisecondsAsync(() => SampleMetricHistograms.ComputeAsync(dataSource, datasetId,
                SampleMetricHistograms.DefaultBins, ct)));
        }
        return (stored, live);
    }

    private static async Task<double> MillisecondsAsync<T>(Func<Task<T>> query)
    {
        var clock = Stopwatch.StartNew();
        await query();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static async Task ExecAllAsync(NpgsqlDataSource dataSource, IEnumerable<string> statements,
        CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.Timeout = 0;
        foreach (var statement in statements) batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<double>> LatenciesAsync(PrebiasClient client, IEnumerable<string> paths,
        CancellationToken ct)
    {
        var latencies = new List<double>();
        foreach (var path in paths)
        {
            var clock = Stopwatch.StartNew();
            await client.GetAsync(path, ct);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    /// <summary>The export streamed to a temporary file; its row count read back from the Parquet footer.</summary>
    private static async Task<long> ExportAsync(string api, string key, string datasetId, CancellationToken ct)
    {
        using var http = new HttpClient
        {
            BaseAddress = new Uri(api.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var path = Path.GetTempFileName();
        try
        {
            using (var response = await http.GetAsync($"api/datasets/{datasetId}/samples/export",
                       HttpCompletionOption.ResponseHeadersRead, ct))
            {
                response.EnsureSuccessStatusCode();
                await using var file = File.Create(path);
                await response.Content.CopyToAsync(file, ct);
            }
            await using var read = File.OpenRead(path);
            await using var reader = await ParquetReader.CreateAsync(read, cancellationToken: ct);
            Console.WriteLine($"  export: {read.Length / 1e6:F1} MB, {reader.RowGroupCount} row groups");
            return reader.RowGroups.Sum(g => g.RowCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Train sample ids in id order and one metric's values (NaN where missing), as runs read them.</summary>
    private static async Task<(int[] Ids, double[] Values)> TrainValuesAsync(NpgsqlDataSource dataSource,
        Guid datasetId, string metric, CancellationToken ct)
    {
        var ids = new List<int>();
        var values = new List<double>();
        await using var command = dataSource.CreateCommand($"""
            SELECT s.id, m.{SampleMetricsStore.Quote(metric)}
            FROM samples s LEFT JOIN sample_metrics m ON m.dataset_id = s.dataset_id AND m.sample_id = s.id
            WHERE s.dataset_id = @d AND s.split = 'train' ORDER BY s.id
            """);
        command.Parameters.AddWithValue("d", datasetId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt32(0));
            values.Add(reader.IsDBNull(1) ? double.NaN : reader.GetDouble(1));
        }
        return ([.. ids], [.. values]);
    }

    private static async Task<long> DatabaseBytesAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_database_size(current_database())");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static long FolderBytes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static string Figure(string name, double value) => ExperimentBenchmark.Figure(name, value);
}
