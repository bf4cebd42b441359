using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace Prebias.Api.Errors;

/// <summary>
/// Answers 400 naming <c>format</c> when <c>?format=</c> asks a JSON-only route for another format. Table routes
/// bind a <c>format</c> parameter and answer csv/parquet themselves; without this, every other route would ignore
/// the parameter and send JSON to a caller that asked for CSV.
/// </summary>
public sealed class UnsupportedFormatMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var format = context.Request.Query["format"].ToString();
        if (format.Length == 0 || format.Equals("json", StringComparison.OrdinalIgnoreCase) || BindsFormat(context.GetEndpoint()))
        {
            await next(context);
            return;
        }
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["format"] = [$"This resource is JSON only; format '{Truncate(format)}' is not available here."],
        }) { Status = StatusCodes.Status400BadRequest };
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }

    /// <summary>Routes without an endpoint (static files, 404s) and table routes are left alone.</summary>
    private static bool BindsFormat(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<MethodInfo>() is not { } handler
        || handler.GetParameters().Any(p => string.Equals(p.Name, "format", StringComparison.OrdinalIgnoreCase));

    private static string Truncate(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
