using Microsoft.OpenApi;
using Prebias.Core.Branches;
using Prebias.Core.Ordering;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Prebias.Api.Swagger;

/// <summary>
/// The branch <c>transform</c> is one JSON object whose <c>kind</c> picks the transform and with it the fields that
/// apply. C# models it as a [JsonPolymorphic] hierarchy, which the schema generator would show as the empty base
/// record; this filter lists the discriminator and every transform's fields (what applies to which is in each
/// description), so Swagger UI shows the object a user actually sends.
/// </summary>
public sealed class BranchTransformSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(BranchTransform) || schema is not OpenApiSchema target) return;
        target.Properties ??= new Dictionary<string, IOpenApiSchema>();
        target.Properties["kind"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "swap_gender (swap gendered words), filter (drop samples outside [min, max] of a metric), "
                + "ordering (a new batch order for the rest of training) or finetune (continue on another dataset "
                + "with the same tokenizer, as a new run of transform.steps steps).",
        };
        target.Properties["metric"] = Field("filter: the sample metric to filter on.", JsonSchemaType.String);
        target.Properties["min"] = Field("filter: keep samples with metric ≥ min.", JsonSchemaType.Number);
        target.Properties["max"] = Field("filter: keep samples with metric ≤ max.", JsonSchemaType.Number);
        var ordering = context.SchemaGenerator.GenerateSchema(typeof(OrderingSpec), context.SchemaRepository);
        target.Properties["ordering"] = ordering;
        target.Properties["datasetId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "uuid",
            Description = "finetune: the dataset to fine-tune on (same tokenizer as the run's).",
        };
        target.Properties["steps"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int64",
            Description = "finetune: optimiser steps of the fine-tune, counted from 0 (warm-up and cosine over them).",
        };
        target.Properties["optimizer"] = Field(
            "finetune: reset (a fresh AdamW, default) or keep (the parent's moments).",
            JsonSchemaType.String);
        target.Properties["training"] =
            context.SchemaGenerator.GenerateSchema(typeof(FinetuneTraining), context.SchemaRepository);
        target.Required = new HashSet<string> { "kind" };
    }

    private static OpenApiSchema Field(string description, JsonSchemaType type) =>
        new() { Type = type | JsonSchemaType.Null, Description = description };
}
