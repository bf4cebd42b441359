using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Prebias.Api.Health;

/// <summary>Writes <c>{ status, checks: { name: { status, description } } }</c>.</summary>
public static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
}
