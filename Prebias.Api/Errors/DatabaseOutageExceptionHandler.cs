using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Prebias.Api.Errors;

/// <summary>
/// Postgres unreachable (refused, reset, timed out, shutting down, pool exhausted): 503 with Retry-After, so clients
/// and proxies retry instead of reporting a server bug. Npgsql marks exactly these as transient; EF Core wraps them.
/// </summary>
public sealed class DatabaseOutageExceptionHandler(IProblemDetailsService problems, ILogger<DatabaseOutageExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!IsOutage(exception)) return false;
        logger.LogWarning("Database unavailable for {Method} {Path}: {Error}", http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http, Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Database unavailable", Detail = $"Postgres cannot be reached; retry in {RetryAfterSeconds} s." },
        });
    }

    public static bool IsOutage(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException { IsTransient: true }) return true;
        return false;
    }
}
