using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Prebias.Api.Swagger;

/// <summary>
/// The API key only on the operations that need it (POST, PUT, PATCH, DELETE, as <c>ApiKeyMiddleware</c> checks),
/// so open GETs carry no lock icon and Swagger UI sends no key with them.
/// </summary>
public sealed class WriteSecurityFilter : IOperationFilter
{
    public const string SchemeName = "ApiKey";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var method = context.ApiDescription.HttpMethod ?? "";
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)) return;
        operation.Security ??= [];
        var scheme = new OpenApiSecuritySchemeReference(SchemeName, context.Document);
        operation.Security.Add(new OpenApiSecurityRequirement { [scheme] = [] });
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid X-Api-Key header." });
    }
}
