using System.Text.Json;
using Microsoft.OpenApi;
using Prebias.Core;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Prebias.Api.Swagger;

/// <summary>
/// Puts <see cref="RequestExamples"/> into the document: the body example replaces the generated "string"/0 body
/// (which fails validation), and path parameters get examples that Swagger UI fills in under "Try it out".
/// </summary>
public sealed class RequestExampleFilter(IServiceScopeFactory scopes, ILogger<RequestExampleFilter> logger)
    : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is not { } name) return;
        RequestExamples.Example? example;
        try
        {
            using var scope = scopes.CreateScope();
            example = RequestExamples.For(name, scope.ServiceProvider.GetRequiredService<ExampleResources>());
        }
        catch (Exception ex) when (ex is InvalidOperationException or Npgsql.NpgsqlException)
        {
            // The documentation must load even while the database is down; the examples then carry empty ids.
            logger.LogWarning("Swagger examples without ids: {Message}", ex.Message);
            return;
        }
        if (example is null) return;
        if (example.Body is not null
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true)
        {
            if (example.MoreBodies is not { Count: > 0 } more)
                json.Example = JsonSerializer.SerializeToNode(example.Body, JsonDefaults.Options);
            else
                // OpenAPI allows example or examples, not both; Swagger UI lists named examples in a drop-down.
                json.Examples = new[] { KeyValuePair.Create(RequestExamples.FirstBodyName, example.Body) }
                    .Concat(more).ToDictionary(e => e.Key, e => (IOpenApiExample)new OpenApiExample
                    {
                        Summary = e.Key, Value = JsonSerializer.SerializeToNode(e.Value, JsonDefaults.Options),
                    });
        }
        foreach (var parameter in operation.Parameters ?? [])
            if (parameter is OpenApiParameter { Name: { } n } p && example.PathParameters.TryGetValue(n, out var value))
                p.Example = JsonSerializer.SerializeToNode(value, JsonDefaults.Options);
    }
}
