using Npgsql;
using Prebias.Core.Metrics;

namespace Prebias.Core.SampleMetrics;

/// <summary>Reads <c>sample_metrics</c>: keyset-paginated sorted samples, per-metric summaries, means over sample sets.</summary>
public sealed class SampleMetricsQueries(NpgsqlDataSource dataSource, SampleAttributeStore attributes)
{
    private const string AttributeJoin =
        "LEFT JOIN sample_attributes a ON a.dataset_id = s.dataset_id AND a.sample_id = s.id AND a.name = @attribute";

    private const string SampleDrivenJoin =
        "samples s LEFT JOIN sample_metrics m ON m.dataset_id = s.dataset_id AND m.sample_id = s.id";

    // Inner: a metric sort keeps only samples with a value, so every row it returns has its sample_metrics row.
    private const string MetricDrivenJoin =
        "sample_metrics m JOIN samples s ON s.dataset_id = m.dataset_id AND s.id = m.sample_id";

    public async Task<IReadOnlyList<SampleMetricsRow>> PageAsync(SampleQuery q, CancellationToken ct)
    {
        var metrics = MetricRegistry.All;
        // An attribute sorts through a join on its name (a parameter); a metric column is quoted from the registry.
        var sortAttribute = q.Sort is not null && AttributeMetric.TryParse(q.Sort, out var attributeKey) ? attributeKey : null;
        var sortColumn = q.Sort is null ? null : sortAttribute is not null ? "a.value" : "m." + SampleMetricsStore.Quote(q.Sort);
        // A metric sort reads sample_metrics in the order of its (dataset_id, metric, sample_id) index and joins the
        // 100 samples it keeps; a page never sorts the dataset's whole column (SampleMetricsSchema.SortIndexSql).
        var byMetric = sortColumn is not null && sortAttribute is null;
        var idColumn = byMetric ? "m.sample_id" : "s.id";
        var key = sortColumn is null ? "s.id" : $"({sortColumn}, {idColumn})";
        var cmp = q.Descending ? "<" : ">";
        var dir = q.Descending ? "DESC" : "ASC";
        var where = new List<string> { byMetric ? "m.dataset_id = @d" : "s.dataset_id = @d" };
        if (q.Split is not null) where.Add("s.split = @split");
        if (sortColumn is not null) where.Add($"{sortColumn} IS NOT NULL");
        if (sortColumn is not null && q.Min is not null) where.Add($"{sortColumn} >= @min");
        if (sortColumn is not null && q.Max is not null) where.Add($"{sortColumn} <= @max");
        if (q.After is not null) where.Add(sortColumn is null ? $"s.id {cmp} @afterId" : $"{key} {cmp} (@afterValue, @afterId)");

        await using var cmd = dataSource.CreateCommand($"""
            SELECT s.id, s.document_index, s.split, s.token_count, {string.Join(", ", metrics.Select(m => "m." + SampleMetricsStore.Quote(m.Name)))}
            FROM {(byMetric ? MetricDrivenJoin : SampleDrivenJoin)}
            {(sortAttribute is null ? "" : AttributeJoin)}
            WHERE {string.Join(" AND ", where)}
            ORDER BY {(sortColumn is null ? $"s.id {dir}" : $"{sortColumn} {dir}, {idColumn} {dir}")}
            LIMIT @limit
            """);
        cmd.Parameters.AddWithValue("d", q.DatasetId);
        cmd.Parameters.AddWithValue("limit", q.Limit);
        if (sortAttribute is not null) cmd.Parameters.AddWithValue("attribute", sortAttribute);
        if (q.Split is not null) cmd.Parameters.AddWithValue("split", q.Split);
        if (q.Min is { } min) cmd.Parameters.AddWithValue("min", min);
        if (q.Max is { } max) cmd.Parameters.AddWithValue("max", max);
        if (q.After is { } after)
        {
            cmd.Parameters.AddWithValue("afterId", after.Id);
            if (sortColumn is not null) cmd.Parameters.AddWithValue("afterValue", after.Value ?? 0);
        }

        var rows = new List<SampleMetricsRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var values = new Dictionary<string, double?>(metrics.Count);
            for (var i = 0; i < metrics.Count; i++) values[metrics[i].Name] = reader.IsDBNull(4 + i) ? null : reader.GetDouble(4 + i);
            rows.Add(new SampleMetricsRow(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), values));
        }
        await reader.DisposeAsync();
        // A page's attributes join its metrics (attr.*), so a sort by an attribute shows and pages by its value.
        var pageAttributes = await attributes.OfSamplesAsync(q.DatasetId, [.. rows.Select(r => r.Id)], ct);
        return pageAttributes.Count == 0 ? rows : rows.ConvertAll(row => pageAttributes.TryGetValue(row.Id, out var own)
            ? row with { Metrics = row.Metrics.Concat(own.Select(a => KeyValuePair.Create(a.Key, (double?)a.Value)))
                .ToDictionary() }
            : row);
    }

    public async Task<IReadOnlyList<MetricSummary>> SummaryAsync(Guid datasetId, string? split, CancellationToken ct)
    {
        var metrics = MetricRegistry.All;
        var selects = metrics.Select(m =>
        {
            var c = "m." + SampleMetricsStore.Quote(m.Name);
            return $"count({c}), avg({c}), stddev_samp({c}), min({c}), percentile_cont(ARRAY[0.05, 0.25, 0.5, 0.75, 0.95]) WITHIN GROUP (ORDER BY {c}), max({c})";
        });
        var result = new List<MetricSummary>();
        // Reader and connection go back before the next query: a data reader disposed twice (the explicit
        // call and the `using`) could consume the results of whoever had since been given the pooled connection.
        {
            await using var cmd = dataSource.CreateCommand($"""
                SELECT {string.Join(",\n", selects)}
                FROM sample_metrics m JOIN samples s ON s.dataset_id = m.dataset_id AND s.id = m.sample_id
                WHERE m.dataset_id = @d {(split is null ? "" : "AND s.split = @split")}
                """);
            cmd.Parameters.AddWithValue("d", datasetId);
            if (split is not null) cmd.Parameters.AddWithValue("split", split);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            for (var i = 0; i < metrics.Count; i++)
            {
                var o = i * 6;
                var count = reader.GetInt64(o);
                if (count == 0) continue;
                var q = reader.GetFieldValue<double[]>(o + 4);
                result.Add(new MetricSummary(metrics[i].Name, count, reader.GetDouble(o + 1),
                    reader.IsDBNull(o + 2) ? null : reader.GetDouble(o + 2),
                    reader.GetDouble(o + 3), q[0], q[1], q[2], q[3], q[4], reader.GetDouble(o + 5)));
            }
        }
        result.AddRange(await attributes.SummaryAsync(datasetId, split, ct));
        return result;
    }

    /// <summary>
    /// The shared batch aggregate: mean of every metric over a set of samples (a training batch, the samples seen
    /// between two checkpoints), NULLs ignored; a sample listed twice (a later epoch) counts twice. Evaluation uses it
    /// for input-side saturation curves.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, double?>> MeanAsync(Guid datasetId, IReadOnlyCollection<int> sampleIds, CancellationToken ct)
    {
        var metrics = MetricRegistry.All;
        Dictionary<string, double?> means;
        // Reader and connection go back before the next query: a data reader disposed twice (the explicit
        // call and the `using`) could consume the results of whoever had since been given the pooled connection.
        {
            await using var cmd = dataSource.CreateCommand($"""
                SELECT {string.Join(", ", metrics.Select(m => $"avg(m.{SampleMetricsStore.Quote(m.Name)})"))}
                FROM unnest(@ids) AS u(id) JOIN sample_metrics m ON m.dataset_id = @d AND m.sample_id = u.id
                """);
            cmd.Parameters.AddWithValue("d", datasetId);
            cmd.Parameters.AddWithValue("ids", sampleIds.ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            means = metrics.Select((m, i) => (m.Name, Value: reader.IsDBNull(i) ? (double?)null : reader.GetDouble(i)))
                .ToDictionary(p => p.Name, p => p.Value);
        }
        // Attribute means join the same dictionary, so saturation tables show attr.* next to the text metrics.
        foreach (var (name, mean) in await attributes.MeansAsync(datasetId, sampleIds, ct))
            means[name] = mean;
        return means;
    }
}
