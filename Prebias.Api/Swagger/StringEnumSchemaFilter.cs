using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Prebias.Api.Swagger;

/// <summary>
/// Every C# enum appears as a string enum whose values are written exactly as the API's JSON settings write them
/// (without this, minimal APIs document enums as integers that the API then refuses).
/// </summary>
public sealed class StringEnumSchemaFilter(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Type) ?? context.Type;
        if (!type.IsEnum || schema is not OpenApiSchema concrete) return;
        concrete.Type = JsonSchemaType.String;
        concrete.Format = null;
        concrete.Enum = [.. Enum.GetValues(type).Cast<object>()
            .Select(v => JsonSerializer.SerializeToNode(v, type, json.Value.SerializerOptions)!)];
    }
}
