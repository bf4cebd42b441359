using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Prebias.Core.SampleMetrics;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Pipeline;

[Collection(ApiCollection.Name)]
public sealed class SampleMetricsApiTests(ApiFixture api)
{
    [Fact]
    public async Task Metrics_RecoverTheDialledAttributesOfTheSyntheticCorpus()
    {
        var p = await PipelineFixture.GetAsync(api);
        var rows = await AllSamplesAsync(p);
        var docs = await p.Client.GetJsonAsync($"/api/corpora/{p.CorpusId}/documents?offset=0&limit=1000");
        var docs2 = await p.Client.GetJsonAsync($"/api/corpora/{p.CorpusId}/documents?offset=1000&limit=1000");
        var truth = docs.EnumerateArray().Concat(docs2.EnumerateArray())
            .ToDictionary(d => d.GetProperty("index").GetInt32(), d => d.GetProperty("attributes"));
        Assert.Equal(PipelineFixture.Documents, rows.Count);

        double Metric(JsonElement row, string name) => row.GetProperty("metrics").GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : double.NaN;
        string Attr(JsonElement row, string name) => truth[row.GetProperty("documentIndex").GetInt32()].TryGetProperty(name, out var v) ? v.GetString()! : "";

        // Happy endings score higher sentiment than sad ones.
        var happy = rows.Where(r => Attr(r, "ending") == "happy").Average(r => Metric(r, "sentiment"));
        var sad = rows.Where(r => Attr(r, "ending") == "sad").Average(r => Metric(r, "sentiment"));
        Assert.True(happy > sad + 0.05, $"happy {happy:F3} vs sad {sad:F3}");

        // Profanity is found exactly in the stories that were given it (dialled rate 0.1).
        var profane = rows.Where(r => Attr(r, "profane") == "true").ToList();
        Assert.InRange(profane.Count / (double)rows.Count, 0.06, 0.14);
        Assert.All(profane, r => Assert.True(Metric(r, "profanity_rate") > 0));
        Assert.True(rows.Where(r => Attr(r, "profane") == "false").Count(r => Metric(r, "profanity_rate") > 0) <= rows.Count * 0.01);

        // The co-occurrence metric reports the dialled he/she share of doctors (0.9) and nurses (0.1).
        foreach (var (occupation, dialled) in new[] { ("doctor", 0.9), ("nurse", 0.1) })
        {
            var stories = rows.Where(r => Attr(r, "occupation") == occupation).ToList();
            var measuredHe = stories.Count(r => Metric(r, "occupation_male_cooccurrence") > Metric(r, "occupation_female_cooccurrence")) / (double)stories.Count;
            var truthHe = stories.Count(r => Attr(r, "occupation_gender") == "he") / (double)stories.Count;
            Assert.True(Math.Abs(measuredHe - truthHe) < 0.05, $"{occupation}: metric says {measuredHe:F3} he, ground truth {truthHe:F3}");
            Assert.True(Math.Abs(truthHe - dialled) < 0.15, $"{occupation}: ground truth {truthHe:F3} vs dialled {dialled}");
        }
    }

    [Fact]
    public async Task MetricsJob_FillsTheLanguageMetrics_AgainstTheStoredTrainSplitModel()
    {
        var p = await PipelineFixture.GetAsync(api);
        var rows = await AllSamplesAsync(p);
        double Metric(JsonElement row, string name) => row.GetProperty("metrics").GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : double.NaN;
        var train = rows.Where(r => r.GetProperty("split").GetString() == "train").ToList();
        var val = rows.Where(r => r.GetProperty("split").GetString() == "val").ToList();

        Assert.All(rows, r =>
        {
            Assert.InRange(Metric(r, "repetition_rate"), 0, 1);
            Assert.InRange(Metric(r, "distinct_2"), 0, 1);
            Assert.InRange(Metric(r, "oov_rate"), 0, 1);
            Assert.InRange(Metric(r, "ngram_perplexity"), 1, double.MaxValue);
        });
        // The vocabulary is the train split's, so its own samples have no unknown words; held-out samples are less
        // expected by the 3-gram model than the samples it was counted from.
        Assert.All(train, r => Assert.Equal(0, Metric(r, "oov_rate")));
        var (trainPerplexity, valPerplexity) = (train.Average(r => Metric(r, "ngram_perplexity")), val.Average(r => Metric(r, "ngram_perplexity")));
        Assert.True(valPerplexity > trainPerplexity, $"val {valPerplexity:F2} vs train {trainPerplexity:F2}");
        Assert.True(File.Exists(Path.Combine(api.ArtifactsPath, "datasets", Guid.Parse(p.DatasetId).ToString("N"), "reference-kn3.bin")));

        var registry = await p.Client.GetJsonAsync("/api/metrics");
        var names = registry.EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Subset(names.ToHashSet(), new HashSet<string?> { "repetition_rate", "distinct_2", "oov_rate", "ngram_perplexity" });
    }

    [Fact]
    public async Task SortedSamples_ReturnMostAndLeastPositive_WithKeysetPagesThatDoNotOverlap()
    {
        var p = await PipelineFixture.GetAsync(api);
        var page1 = await p.Client.GetJsonAsync($"/api/datasets/{p.DatasetId}/samples?sort=sentiment&order=desc&limit=40");
        var next = page1.GetProperty("next").GetString();
        var page2 = await p.Client.GetJsonAsync($"/api/datasets/{p.DatasetId}/samples?sort=sentiment&order=desc&limit=40&after={Uri.EscapeDataString(next!)}");
        var values = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray())
            .Select(i => (Id: i.GetProperty("id").GetInt32(), V: i.GetProperty("metrics").GetProperty("sentiment").GetDouble())).ToList();
        Assert.Equal(80, values.Select(v => v.Id).Distinct().Count());
        for (var i = 1; i < values.Count; i++) Assert.True(values[i - 1].V >= values[i].V, "not sorted descending");

        var all = await AllSamplesAsync(p);
        var max = all.Max(r => r.GetProperty("metrics").GetProperty("sentiment").GetDouble());
        Assert.Equal(max, values[0].V);
        var least = await p.Client.GetJsonAsync($"/api/datasets/{p.DatasetId}/samples?sort=sentiment&order=asc&limit=1&split=train");
        Assert.Equal(all.Where(r => r.GetProperty("split").GetString() == "train").Min(r => r.GetProperty("metrics").GetProperty("sentiment").GetDouble()),
            least.GetProperty("items")[0].GetProperty("metrics").GetProperty("sentiment").GetDouble());

        var filtered = await p.Client.GetJsonAsync($"/api/datasets/{p.DatasetId}/samples?sort=sentiment&min=0.2&max=0.5&limit=1000");
        Assert.All(filtered.GetProperty("items").EnumerateArray(), i => Assert.InRange(i.GetProperty("metrics").GetProperty("sentiment").GetDouble(), 0.2, 0.5));
    }

    [Fact]
    public async Task Summary_AndTables_ComeAsJsonCsvAndParquet()
    {
        var p = await PipelineFixture.GetAsync(api);
        var summary = await p.Client.GetJsonAsync($"/api/datasets/{p.DatasetId}/metrics/summary");
        var sentiment = summary.EnumerateArray().Single(s => s.GetProperty("metric").GetString() == "sentiment");
        Assert.Equal(PipelineFixture.Documents, sentiment.GetProperty("count").GetInt64());
        Assert.InRange(sentiment.GetProperty("median").GetDouble(), sentiment.GetProperty("min").GetDouble(), sentiment.GetProperty("max").GetDouble());

        var csv = await p.Client.GetStringAsync($"/api/datasets/{p.DatasetId}/metrics/summary?format=csv");
        Assert.StartsWith("metric,count,mean,std,min,p05,p25,median,p75,p95,max\n", csv);
        var parquet = await p.Client.GetByteArrayAsync($"/api/datasets/{p.DatasetId}/samples?sort=bleu&limit=10&format=parquet");
        Assert.Equal("PAR1"u8.ToArray(), parquet[..4]);
        Assert.Equal("PAR1"u8.ToArray(), parquet[^4..]);
        var samplesCsv = await p.Client.GetStringAsync($"/api/datasets/{p.DatasetId}/samples?limit=3&format=csv");
        Assert.Equal(4, samplesCsv.TrimEnd('\n').Split('\n').Length);
        var header = samplesCsv.Split('\n')[0].Split(',');
        Assert.Equal(header.Length, header.Distinct().Count());
        Assert.StartsWith("id,documentIndex,split,tokenizerTokens,preview,", samplesCsv);
    }

    [Fact]
    public async Task RepeatedMetricsJob_ReplacesRows_WithoutDuplicates()
    {
        var p = await PipelineFixture.GetAsync(api);
        var (_, job) = await p.Client.PostWorkAsync($"/api/datasets/{p.DatasetId}/metrics", new { metrics = new[] { "sentiment", "bleu" } });
        await p.Client.WaitForSuccessAsync(job);
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        // The summary row too: the job stored the summary again, still one row for the dataset.
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*), count(DISTINCT sample_id), count(mtld),
                   (SELECT count(*) FROM sample_metric_summaries WHERE dataset_id = @d),
                   (SELECT count(summaries) FROM sample_metric_summaries WHERE dataset_id = @d)
            FROM sample_metrics WHERE dataset_id = @d
            """, connection);
        cmd.Parameters.AddWithValue("d", Guid.Parse(p.DatasetId));
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            Assert.Equal(PipelineFixture.Documents, reader.GetInt64(0));
            Assert.Equal(PipelineFixture.Documents, reader.GetInt64(1));
            Assert.True(reader.GetInt64(2) > 0); // columns not recomputed keep their values
            Assert.Equal((1L, 1L), (reader.GetInt64(3), reader.GetInt64(4)));
        }
        // What the route serves from the stored row is what the live query computes from the new values.
        await using var dataSource = NpgsqlDataSource.Create(api.ConnectionString);
        var live = await new SampleMetricsQueries(dataSource, new SampleAttributeStore(dataSource))
            .SummaryAsync(Guid.Parse(p.DatasetId), "train", CancellationToken.None);
        var served = await p.Client.GetFromJsonAsync<List<MetricSummary>>(
            $"/api/datasets/{p.DatasetId}/metrics/summary?split=train");
        Assert.Equal(live, served);
    }

    [Theory]
    [InlineData("samples?sort=no_such_metric")]
    [InlineData("samples?sort=sentiment; DROP TABLE samples")]
    [InlineData("samples?order=sideways")]
    [InlineData("samples?min=0.5")]
    [InlineData("samples?sort=sentiment&after=garbage")]
    [InlineData("samples?format=xml")]
    [InlineData("metrics/summary?format=xml")]
    public async Task Queries_Return400_ForBadParameters(string query)
    {
        var p = await PipelineFixture.GetAsync(api);
        var response = await p.Client.GetAsync($"/api/datasets/{p.DatasetId}/{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var unknownMetric = await p.Client.PostAsJsonAsync($"/api/datasets/{p.DatasetId}/metrics", new { metrics = new[] { "sentiment", "nonsense" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknownMetric.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/datasets/{Guid.NewGuid()}/metrics/summary")).StatusCode);
    }

    private static async Task<List<JsonElement>> AllSamplesAsync(PipelineFixture p)
    {
        var rows = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = await p.Client.GetJsonAsync($"/api/datasets/{p.DatasetId}/samples?limit=500" + (after is null ? "" : $"&after={after}"));
            rows.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("next").GetString();
        } while (after is not null);
        return rows;
    }
}
