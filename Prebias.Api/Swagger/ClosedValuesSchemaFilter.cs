using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Prebias.Core.Branches;
using Prebias.Core.Corpora;
using Prebias.Core.Metrics;
using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Runs;
using Prebias.Core.Tokenization;
using Swashbuckle.AspNetCore.SwaggerGen;
using static Prebias.Api.Apis.SampleMetricsApi;

namespace Prebias.Api.Swagger;

/// <summary>
/// String fields that accept only a closed set of values (ordering method, metric, preset, source kind, branch
/// kind, ...) get that set as an OpenAPI enum, read from the lists the validators use, so Swagger UI offers a
/// drop-down instead of "string". A field that is already a C# enum is left to <see cref="StringEnumSchemaFilter"/>.
/// </summary>
public sealed class ClosedValuesSchemaFilter : ISchemaFilter
{
    private static readonly IReadOnlyList<string> Metrics = [.. MetricRegistry.Names];
    private static readonly IReadOnlyList<string> TextMetrics = [.. MetricRegistry.TextMetrics.Select(m => m.Name)];

    private static readonly Dictionary<(Type, string), IReadOnlyList<string>> Values = new()
    {
        [(typeof(OrderingSpec), "method")] = OrderingMethods.All,
        [(typeof(OrderingSpec), "metric")] = Metrics,
        [(typeof(OrderingSpec), "order")] = OrderingDirections.All,
        [(typeof(ModelSpec), "preset")] = [.. ModelPresets.Names],
        [(typeof(CorpusSourceSpec), "kind")] = CorpusSpecValidator.Kinds,
        [(typeof(CorpusSourceSpec), "format")] = ["auto", "json", "jsonl", "text"],
        [(typeof(Contracts.CorpusRequest), "badDocuments")] = ["fail", "skip"],
        [(typeof(TokenizerSpec), "kind")] = TokenizerSpecValidator.Kinds,
        [(typeof(BranchTransform), "kind")] = ["swap_gender", "filter", "ordering", "finetune"],
        [(typeof(BranchTransform), "optimizer")] = FinetuneTransform.OptimizerModes,
        [(typeof(FinetuneTransform), "optimizer")] = FinetuneTransform.OptimizerModes,
        [(typeof(BranchTransform), "metric")] = Metrics,
        [(typeof(TrainingSpec), "device")] = ["auto", "cpu", "cuda"],
        [(typeof(ComputeMetricsRequest), "metrics")] = TextMetrics,
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties }) return;
        foreach (var (name, property) in properties)
        {
            if (!Values.TryGetValue((context.Type, name), out var values) || property is not OpenApiSchema field)
                continue;
            // A list of names (metrics to compute) constrains its items.
            var target = field.Type?.HasFlag(JsonSchemaType.Array) == true ? field.Items as OpenApiSchema : field;
            if (target is null || target.Type?.HasFlag(JsonSchemaType.String) != true || target.Enum is { Count: > 0 })
                continue;
            target.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        }
    }
}
