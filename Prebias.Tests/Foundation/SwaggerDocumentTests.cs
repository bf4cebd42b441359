using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Foundation;

/// <summary>The OpenAPI document as a first-time user reads it: value sets, defaults, plain words, locks.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class SwaggerDocumentTests(ApiFixture api)
{
    private async Task<JsonElement> DocumentAsync()
    {
        using var client = api.CreateClient();
        return await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
    }

    private static JsonElement Schema(JsonElement doc, string name) =>
        doc.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private static JsonElement Property(JsonElement doc, string schema, string name) =>
        Schema(doc, schema).GetProperty("properties").GetProperty(name);

    private static List<string> EnumOf(JsonElement schema) =>
    [
        .. (schema.TryGetProperty("items", out var items) ? items : schema).GetProperty("enum").EnumerateArray()
            .Select(e => e.GetString()!),
    ];

    [Fact]
    public async Task Swagger_OffersClosedValueSetsAsEnums()
    {
        var doc = await DocumentAsync();
        Assert.Equal(["shuffle", "sort_asc", "sort_desc", "threshold", "sorted_threshold", "curriculum", "interleave", "dynamic"],
            EnumOf(Property(doc, "OrderingSpec", "method")));
        Assert.Contains("flesch_kincaid_grade", EnumOf(Property(doc, "OrderingSpec", "metric")));
        Assert.Contains("stories260k", EnumOf(Property(doc, "ModelSpec", "preset")));
        Assert.Equal(["synthetic", "file", "url", "tinystories", "mixture"], EnumOf(Property(doc, "CorpusSourceSpec", "kind")));
        Assert.Equal(["swap_gender", "filter", "ordering", "finetune"],
            EnumOf(Property(doc, "BranchTransform", "kind")));
        Assert.Equal(["reset", "keep"], EnumOf(Property(doc, "FinetuneTransform", "optimizer")));
        Assert.Contains("sentiment", EnumOf(Property(doc, "ComputeMetricsRequest", "metrics")));
        // Any enum in the document is a string enum (C# enums included), never the integers the API would refuse.
        foreach (var schema in doc.GetProperty("components").GetProperty("schemas").EnumerateObject())
            if (schema.Value.TryGetProperty("enum", out var values))
                Assert.All(values.EnumerateArray(), v => Assert.Equal(JsonValueKind.String, v.ValueKind));
    }

    [Fact]
    public async Task Swagger_DocumentsTheDefaultsThatTheServerApplies()
    {
        var doc = await DocumentAsync();
        var training = Schema(doc, "TrainingSpec").GetProperty("properties");
        Assert.Equal(32, training.GetProperty("batchSize").GetProperty("default").GetInt32());
        Assert.Equal(200, training.GetProperty("maxIters").GetProperty("default").GetInt64());
        Assert.Equal(5e-4, training.GetProperty("learningRate").GetProperty("default").GetDouble());
        Assert.True(training.GetProperty("logSpacedCheckpoints").GetProperty("default").GetBoolean());
        Assert.Contains("maxIters / 10", training.GetProperty("warmupIters").GetProperty("description").GetString());
        Assert.Equal(64, Property(doc, "ModelSpec", "dim").GetProperty("default").GetInt32());
        Assert.Equal(256, Property(doc, "DatasetSpec", "maxSeqLen").GetProperty("default").GetInt32());
        Assert.Equal([1L, 2L, 3L],
            Property(doc, "DurabilitySpec", "seeds").GetProperty("default").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task Swagger_SpeaksPlainWords_AndLocksOnlyWrites()
    {
        var doc = await DocumentAsync();
        var texts = new List<string>();
        void Collect(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Object)
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name is "description" or "summary" && p.Value.ValueKind == JsonValueKind.String)
                        texts.Add(p.Value.GetString()!);
                    else Collect(p.Value);
                }
            else if (e.ValueKind == JsonValueKind.Array) foreach (var item in e.EnumerateArray()) Collect(item);
        }
        Collect(doc);
        Assert.True(texts.Count > 100, $"only {texts.Count} descriptions");
        Assert.All(texts, t => Assert.DoesNotMatch(CodeIdentifier(), t));

        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                var locked = operation.Value.TryGetProperty("security", out var security)
                    && security.GetArrayLength() > 0;
                var write = operation.Name is "post" or "put" or "patch" or "delete";
                Assert.True(locked == write, $"{operation.Name} {path.Name}: lock {locked}");
            }
    }

    [Fact]
    public async Task Swagger_TagsFollowTheWorkflow_AndTablesHaveResponseSchemas()
    {
        var doc = await DocumentAsync();
        var tags = doc.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        string[] workflow =
            ["Corpora", "Tokenizers", "Datasets", "Metrics", "Runs", "Evaluations", "Experiments", "Branches", "Jobs"];
        Assert.Equal(workflow, tags.Take(9));
        var used = doc.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .SelectMany(o => o.Value.GetProperty("tags").EnumerateArray().Select(t => t.GetString())).Distinct();
        Assert.All(used, t => Assert.Contains(t, tags));

        string Ok(string path, string media = "application/json") => doc.GetProperty("paths").GetProperty(path)
            .GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty(media)
            .GetProperty("schema").GetRawText();
        Assert.Contains("ExperimentComparisonResult", Ok("/api/experiments/{id}/comparison"));
        Assert.Contains("SaturationRow", Ok("/api/runs/{id}/saturation"));
        Assert.Contains("BiasScoreResponse", Ok("/api/runs/{id}/bias"));
        Assert.Contains("LossResponse", Ok("/api/runs/{id}/losses"));
        Assert.Contains("string", Ok("/api/runs/{id}/checkpoints", "text/csv"));
    }

    // Code identifiers that XML comments leak (namespaces, M:/T: ids) and references to issue numbers.
    [GeneratedRegex(@"Prebias\.|\b[TMPFE]:[A-Z]|\bissues?\s+#?\d", RegexOptions.IgnoreCase)]
    private static partial Regex CodeIdentifier();
}
