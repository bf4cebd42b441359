using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Prebias.Core.Persistence;

namespace Prebias.Api.Apis;

/// <summary>
/// ETags for what is derived from one checkpoint (exports, attention/embedding/layer views and their plots): the
/// checkpoint's weights never change, so the tag is a hash of its weights sha256, the route and query, and the
/// build (a new release may draw a plot differently). A matching <c>If-None-Match</c> answers 304 before anything is
/// read or rendered; only successful answers are tagged, so a 409 "not evaluated yet" is never cached.
/// </summary>
public sealed class CheckpointETagFilter : IEndpointFilter
{
    private static readonly string Build = typeof(CheckpointETagFilter).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    public const string CacheControl = "public, max-age=86400";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!Guid.TryParse(http.Request.RouteValues["id"]?.ToString(), out var runId)
            || !long.TryParse(http.Request.RouteValues["step"]?.ToString(), out var step))
            return await next(context);
        var db = http.RequestServices.GetRequiredService<PrebiasDbContext>();
        var weights = await db.Checkpoints.AsNoTracking().Where(c => c.RunId == runId && c.Step == step)
            .Select(c => c.WeightsSha256).SingleOrDefaultAsync(http.RequestAborted);
        if (weights is null) return await next(context);

        var etag = new EntityTagHeaderValue($"\"{Tag(weights, http.Request)}\"");
        if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } ifNoneMatch && ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
        {
            SetHeaders(http, etag);
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        var result = await next(context);
        if (IsSuccess(result)) SetHeaders(http, etag);
        return result;
    }

    private static string Tag(string weightsSha256, HttpRequest request)
    {
        var key = $"{weightsSha256}|{request.Path}|{request.QueryString}|{Build}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

    private static void SetHeaders(HttpContext http, EntityTagHeaderValue etag)
    {
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = CacheControl;
    }

    private static bool IsSuccess(object? result)
    {
        while (result is INestedHttpResult nested) result = nested.Result;
        return result is IFileHttpResult || result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK };
    }
}
