using Hangfire.Dashboard;

namespace Prebias.Api.Auth;

/// <summary>
/// The Hangfire dashboard can retry and delete jobs, so it is open only to local requests or to callers that
/// present the API key (header <c>X-Api-Key</c>). Behind a reverse proxy on the same host, protect /hangfire there.
/// </summary>
public sealed class HangfireDashboardAuthorization(ApiKeyValidator validator) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var remote = http.Connection.RemoteIpAddress;
        if (remote is not null && System.Net.IPAddress.IsLoopback(remote)) return true;
        return validator.IsValid(http.Request.Headers[ApiKeyOptions.HeaderName]);
    }
}
