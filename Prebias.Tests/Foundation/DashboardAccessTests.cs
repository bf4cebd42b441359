using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.States;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Prebias.Core.Corpora.Import;
using Prebias.Core.Corpora.Sandbox;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Foundation;

/// <summary>
/// The Hangfire dashboard: without the key a cross-site POST cannot requeue or delete (read-only); the login form
/// gives an HttpOnly, SameSite=Strict session cookie that is not the key; commands still need Hangfire's antiforgery
/// token; stack traces carry no server source paths.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class DashboardAccessTests(ApiFixture api)
{
    [Fact]
    public async Task DashboardCommands_NeedASessionAndTheAntiforgeryToken()
    {
        var jobs = api.Services.GetRequiredService<IBackgroundJobClient>();
        var storage = api.Services.GetRequiredService<JobStorage>();
        string StateOf(string id) { using var c = storage.GetConnection(); return c.GetStateData(id).Name; }
        // A job that waits a day, so no worker runs it while the test deletes it through the dashboard.
        var jobId = jobs.Create(() => Console.WriteLine("dashboard test"), new ScheduledState(TimeSpan.FromDays(1)));
        HttpRequestMessage Delete(string? antiforgeryHeader = null, string? token = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/jobs/scheduled/delete")
            {
                Content = new FormUrlEncodedContent([new("jobs[]", jobId)]),
            };
            request.Headers.Add("Origin", "http://evil.example");
            if (antiforgeryHeader is not null) request.Headers.Add(antiforgeryHeader, token);
            return request;
        }

        // Anonymous (what a web page on the host could send): refused, the job stays.
        using var anonymous = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var refused = await anonymous.SendAsync(Delete());
        Assert.False(refused.IsSuccessStatusCode, $"anonymous delete answered {(int)refused.StatusCode}");
        // Even with a valid antiforgery token of its own, an anonymous caller is read-only.
        var (anonymousHeader, anonymousToken) = PageToken(await anonymous.GetStringAsync("/hangfire/jobs/scheduled"));
        var readOnly = await anonymous.SendAsync(Delete(anonymousHeader, anonymousToken));
        Assert.False(readOnly.IsSuccessStatusCode, $"read-only delete answered {(int)readOnly.StatusCode}");
        Assert.Equal(ScheduledState.StateName, StateOf(jobId));

        // The login form: a wrong key is 401, the right one sets the session cookie.
        using var browser = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await browser.GetStringAsync("/hangfire/login");
        var (field, token) = FormToken(form);
        var wrong = await browser.PostAsync("/hangfire/login", new FormUrlEncodedContent([new(field, token), new("key", "not-the-key")]));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var noToken = await browser.PostAsync("/hangfire/login", new FormUrlEncodedContent([new("key", ApiFixture.ApiKey)]));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        var login = await browser.PostAsync("/hangfire/login", new FormUrlEncodedContent([new(field, token), new("key", ApiFixture.ApiKey)]));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("prebias_dashboard=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ApiFixture.ApiKey, cookie);
        Assert.DoesNotContain("Log in for full access", await browser.GetStringAsync("/hangfire"));

        // Logged in but without the antiforgery token (a cross-site form riding on the cookie): still refused.
        var forged = await browser.SendAsync(Delete());
        Assert.False(forged.IsSuccessStatusCode, $"delete without antiforgery token answered {(int)forged.StatusCode}");
        Assert.Equal(ScheduledState.StateName, StateOf(jobId));

        // The dashboard's own request, with the token from its page: deleted.
        var (header, pageToken) = PageToken(await browser.GetStringAsync("/hangfire/jobs/scheduled"));
        var deleted = await browser.SendAsync(Delete(header, pageToken));
        Assert.True(deleted.IsSuccessStatusCode, $"delete with session and token answered {(int)deleted.StatusCode}");
        Assert.Equal(DeletedState.StateName, StateOf(jobId));
    }

    [Fact]
    public void StackTraces_ShowNoServerSourcePaths()
    {
        var error = Assert.Throws<UnsafeSourceException>(() => CorpusFileImporter.ImportToDirectory("/dev/zero", Path.Combine(Path.GetTempPath(), $"x-{Guid.NewGuid():N}")));
        var trace = error.StackTrace!;
        Assert.Contains("/src/Prebias.Core/", trace);
        var checkout = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../.."));
        Assert.DoesNotContain(checkout, trace);
    }

    private static (string Field, string Token) FormToken(string html)
    {
        var match = HiddenInput().Match(html);
        Assert.True(match.Success, "no antiforgery field in the login form");
        return (match.Groups[1].Value, WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    private static (string Header, string Token) PageToken(string html)
    {
        var header = AntiforgeryHeader().Match(html);
        var token = AntiforgeryToken().Match(html);
        Assert.True(header.Success && token.Success, "no antiforgery token on the dashboard page");
        return (WebUtility.HtmlDecode(header.Groups[1].Value), WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\">")]
    private static partial Regex AntiforgeryHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex AntiforgeryToken();
}
