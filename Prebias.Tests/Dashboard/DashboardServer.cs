using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Dashboard;

/// <summary>
/// The API on Kestrel at 127.0.0.1 on a free port (a browser needs a real socket), on the same database and artifacts
/// as <see cref="ApiFixture"/>, and served under <see cref="PathBase"/> to check that the page uses relative URLs only.
/// </summary>
public sealed class DashboardServer : WebApplicationFactory<Program>
{
    public const string PathBase = "/prebias";

    private readonly ApiFixture _api;

    public DashboardServer(ApiFixture api)
    {
        _api = api;
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Root = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>The server without the path prefix, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Root { get; }

    /// <summary>The dashboard under the path prefix, e.g. http://127.0.0.1:41234/prebias/.</summary>
    public Uri Dashboard => new(Root, PathBase.TrimStart('/') + "/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _api.Settings()) builder.UseSetting(key, value);
        builder.UseSetting("Prebias:PathBase", PathBase);
    }
}
