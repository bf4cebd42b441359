using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Pipeline;

/// <summary>PMI association tables through the API, on the evaluated run the evaluation tests share.</summary>
[Collection(ApiCollection.Name)]
public sealed class PmiAssociationApiTests(ApiFixture api)
{
    private static readonly string[] Fields =
        ["step", "source", "setA", "setB", "countA", "countB", "countAB", "documents", "pmi", "nullMean", "nullP"];

    [Fact]
    public async Task RunAssociations_HaveDataAndGenerationRowsPerEvaluatedCheckpoint_WithConsistentCounts()
    {
        var (p, runId) = await EvaluationApiTests.EvaluatedRunAsync(api);
        var url = $"/api/runs/{runId}/associations?a=gender_female&b=afinn_negative";
        var rows = (await p.Client.GetFromJsonAsync<JsonElement[]>(url))!;
        long Step(JsonElement r) => r.GetProperty("step").GetInt64();
        string? Source(JsonElement r) => r.GetProperty("source").GetString();
        Assert.Equal(new long[] { 0, 1, 2, 4, 8 }, rows.Select(Step).Distinct().Order());
        Assert.Equal(["data", "generations"], rows.Select(Source).Distinct().Order());
        Assert.All(rows, AssertConsistent);
        Assert.All(rows, r => Assert.Equal(Fields, r.EnumerateObject().Select(f => f.Name)));
        // Step 0 saw no samples, so its data row has no documents and no PMI; later windows do.
        var data0 = rows.Single(r => Step(r) == 0 && Source(r) == "data");
        Assert.Equal(0, data0.GetProperty("documents").GetInt32());
        Assert.Equal(JsonValueKind.Null, data0.GetProperty("pmi").ValueKind);
        Assert.Contains(rows, r => Source(r) == "data" && r.GetProperty("documents").GetInt32() > 0
            && r.GetProperty("pmi").ValueKind == JsonValueKind.Number);

        var csv = await p.Client.GetStringAsync(url + "&format=csv");
        Assert.Equal(string.Join(',', Fields), csv.Split('\n')[0].TrimEnd('\r'));
        var parquet = await p.Client.GetAsync(url + "&format=parquet");
        Assert.Equal(HttpStatusCode.OK, parquet.StatusCode);
        Assert.Equal("PAR1"u8.ToArray(), (await parquet.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task CheckpointAssociations_ScoreTheGenerations_WithAUserSet()
    {
        var (p, runId) = await EvaluationApiTests.EvaluatedRunAsync(api);
        var generations = (await p.Client.GetFromJsonAsync<JsonElement[]>(
            $"/api/runs/{runId}/checkpoints/8/generations"))!;
        var rows = (await p.Client.GetFromJsonAsync<JsonElement[]>(
            $"/api/runs/{runId}/checkpoints/8/associations?a=mine&b=gender_male&set=mine:the,a,and"))!;
        var row = Assert.Single(rows);
        Assert.Equal("generations", row.GetProperty("source").GetString());
        Assert.Equal("mine", row.GetProperty("setA").GetString());
        Assert.Equal(generations.Length, row.GetProperty("documents").GetInt32());
        AssertConsistent(row);
    }

    [Fact]
    public async Task AssociationsHeatmap_IsAPng_ForEveryPairOfTwoLists()
    {
        var (p, runId) = await EvaluationApiTests.EvaluatedRunAsync(api);
        var query = "a=gender_female,gender_male&b=afinn_positive,afinn_negative";
        var rows = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{runId}/associations?{query}"))!;
        Assert.Equal(5 * 2 * 4, rows.Length); // checkpoints × sources × pairs
        var png = await p.Client.GetAsync($"/api/runs/{runId}/associations.png?{query}");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        var bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    [Theory]
    [InlineData("a=nope&b=gender_male", "a")]
    [InlineData("a=gender_female&b=DROP%20TABLE", "b")]
    public async Task Associations_Answer400NamingTheField_ForAnUnknownSet(string query, string field)
    {
        var (p, runId) = await EvaluationApiTests.EvaluatedRunAsync(api);
        foreach (var path in new[] { "associations", "checkpoints/8/associations", "associations.png" })
        {
            var response = await p.Client.GetAsync($"/api/runs/{runId}/{path}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
    }

    private static void AssertConsistent(JsonElement r)
    {
        int Get(string name) => r.GetProperty(name).GetInt32();
        Assert.InRange(Get("countAB"), 0, Math.Min(Get("countA"), Get("countB")));
        Assert.InRange(Math.Min(Get("countA"), Get("countB")), 0, Get("documents"));
        Assert.InRange(Math.Max(Get("countA"), Get("countB")), 0, Get("documents"));
        if (r.GetProperty("nullP").ValueKind == JsonValueKind.Number)
            Assert.InRange(r.GetProperty("nullP").GetDouble(), 1.0 / 201, 1.0);
    }
}
