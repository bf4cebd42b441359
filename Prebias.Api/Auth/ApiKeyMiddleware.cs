namespace Prebias.Api.Auth;

/// <summary>
/// Every write under <c>/api</c> (POST, PUT, PATCH, DELETE) needs <c>X-Api-Key</c>; reads stay open.
/// Runs before routing and model binding, so a rejected request never reaches a handler and enqueues nothing.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyValidator validator)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (IsWrite(context.Request.Method) && context.Request.Path.StartsWithSegments("/api")
            && !validator.IsValid(context.Request.Headers[ApiKeyOptions.HeaderName]))
        {
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "API key required",
                detail: validator.IsConfigured
                    ? $"Send a valid key in the {ApiKeyOptions.HeaderName} header (./run.sh prints it at start)."
                    : "The server has no API key configured (Prebias:Auth:ApiKeyFile or ApiKeyHash), so writes are disabled.")
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
