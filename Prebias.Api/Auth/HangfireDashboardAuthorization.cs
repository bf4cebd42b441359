using Hangfire.Dashboard;

namespace Prebias.Api.Auth;

/// <summary>
/// Everyone may look at the Hangfire dashboard, as at every other read; only a caller with full access may retry or
/// delete jobs: a dashboard session from the login form (<see cref="DashboardLoginApi"/>) or the API key in the
/// <c>X-Api-Key</c> header. Being a local request counts for nothing: behind a reverse proxy every request is local,
/// and a web page open on the host can post to localhost. Hangfire's antiforgery check stays on for the
/// commands, so a cross-site form cannot ride on the session cookie (which is also SameSite=Strict).
/// </summary>
public sealed class HangfireDashboardAuthorization(ApiKeyValidator validator, DashboardSessions sessions) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => true;

    public bool IsReadOnly(DashboardContext context) => !HasFullAccess(context.GetHttpContext());

    public bool HasFullAccess(HttpContext http) =>
        sessions.IsValid(http.Request.Cookies[DashboardSessions.CookieName])
        || (http.Request.Headers.ContainsKey(ApiKeyOptions.HeaderName) && validator.IsValid(http.Request.Headers[ApiKeyOptions.HeaderName]));
}
