using System.Net;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Antiforgery;

namespace Prebias.Api.Auth;

/// <summary>
/// <c>/hangfire/login</c>: a form that takes the API key and answers with an HttpOnly, SameSite=Strict cookie holding
/// a session token (not the key), which gives the Hangfire dashboard full access; <c>/hangfire/logout</c> ends it.
/// The form carries an antiforgery token like the dashboard's own commands.
/// </summary>
public static class DashboardLoginApi
{
    public static void MapDashboardLoginApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/hangfire/login", LoginForm).ExcludeFromDescription();
        app.MapPost("/hangfire/login", LogInAsync).ExcludeFromDescription();
        app.MapPost("/hangfire/logout", LogOutAsync).ExcludeFromDescription();
        // A link in the dashboard's menu while it is read-only.
        NavigationMenu.Items.Add(page => page.IsReadOnly ? new MenuItem("Log in for full access", page.Url.To("/login")) : null);
    }

    private static IResult LoginForm(HttpContext http, IAntiforgery antiforgery) => Form(http, antiforgery, null, StatusCodes.Status200OK);

    private static async Task<IResult> LogInAsync(HttpContext http, IAntiforgery antiforgery, ApiKeyValidator validator, DashboardSessions sessions)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid", detail: "Reload the login form and try again.");
        var form = await http.Request.ReadFormAsync();
        if (!validator.IsValid(form["key"])) return Form(http, antiforgery, "That is not the API key.", StatusCodes.Status401Unauthorized);
        http.Response.Cookies.Append(DashboardSessions.CookieName, sessions.Create(), CookieOptions(http));
        return Results.Redirect($"{http.Request.PathBase}/hangfire");
    }

    private static async Task<IResult> LogOutAsync(HttpContext http, IAntiforgery antiforgery, DashboardSessions sessions)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid");
        sessions.Revoke(http.Request.Cookies[DashboardSessions.CookieName]);
        http.Response.Cookies.Delete(DashboardSessions.CookieName, CookieOptions(http));
        return Results.Redirect($"{http.Request.PathBase}/hangfire");
    }

    private static CookieOptions CookieOptions(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = $"{http.Request.PathBase}/hangfire",
        MaxAge = DashboardSessions.Lifetime,
        IsEssential = true,
    };

    private static IResult Form(HttpContext http, IAntiforgery antiforgery, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var message = error is null ? "" : $"<p class=\"error\">{WebUtility.HtmlEncode(error)}</p>";
        var logout = $"<form method=\"post\" action=\"logout\"><input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken}\"><button>Log out</button></form>";
        var html = $$"""
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Prebias jobs: log in</title>
            <style>body{font-family:sans-serif;max-width:28rem;margin:4rem auto}input,button{font-size:1rem;padding:.4rem}.error{color:#b00}</style></head>
            <body><h1>Hangfire dashboard</h1>
            <p>Without the API key the dashboard is read-only. Log in with the key (<code>./run.sh</code> prints it) to retry or delete jobs.</p>
            {{message}}
            <form method="post" action="login">
              <input type="hidden" name="{{tokens.FormFieldName}}" value="{{tokens.RequestToken}}">
              <input type="password" name="key" autocomplete="current-password" placeholder="API key" required autofocus>
              <button>Log in</button>
            </form>
            {{logout}}
            <p><a href=".">Back to the dashboard</a></p>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
