using Microsoft.OpenApi;
using Prebias.Api.Contracts;
using Prebias.Api.Tables;
using Prebias.Core.Evaluation.Association;
using Prebias.Core.Domain;
using Prebias.Core.Evaluation.Results;
using Prebias.Core.Experiments;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Prebias.Api.Swagger;

/// <summary>
/// Response schemas for the routes whose handlers return <c>IResult</c> (they choose between JSON, CSV and Parquet
/// at run time, so the API explorer cannot see the row type), and the CSV and Parquet media types of table routes.
/// </summary>
public sealed class ResponseSchemaFilter : IOperationFilter
{
    private static readonly Dictionary<string, Type> Responses = new()
    {
        ["GetComparison"] = typeof(ExperimentComparisonResult),
        ["GetSaturation"] = typeof(List<SaturationRow>),
        ["GetBias"] = typeof(List<BiasScoreResponse>),
        ["GetLosses"] = typeof(List<LossResponse>),
        ["ListCheckpoints"] = typeof(List<CheckpointRecord>),
        ["GetGenerations"] = typeof(List<GenerationResponse>),
        ["GetAssociations"] = typeof(List<AssociationRow>),
        ["GetCheckpointAssociations"] = typeof(List<AssociationRow>),
        ["ListJobs"] = typeof(List<JobResponse>),
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var name = operation.OperationId ?? "";
        var isTable = context.ApiDescription.ParameterDescriptions.Any(p => p.Name == "format")
            && !name.EndsWith("Plot", StringComparison.Ordinal);
        Responses.TryGetValue(name, out var type);
        if (type is null && !isTable) return;
        operation.Responses ??= [];
        var ok = operation.Responses.TryGetValue("200", out var existing) && existing is OpenApiResponse r
            ? r : new OpenApiResponse { Description = "OK" };
        ok.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (type is not null)
            ok.Content["application/json"] = new OpenApiMediaType
            {
                Schema = context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository),
            };
        if (isTable)
        {
            // Same columns as the JSON fields, one row per array element.
            ok.Content[TableFormats.CsvMediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
            ok.Content[TableFormats.ParquetMediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
            };
        }
        operation.Responses["200"] = ok;
    }
}
