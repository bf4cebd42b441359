using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prebias.Core.Corpora.Download;
using Prebias.Core.Corpora.Sandbox;
using Prebias.Core.Storage;

namespace Prebias.Core.Hosting;

/// <summary>What a key holder can make the server read or fetch: import roots for paths, the guarded downloads client
/// for URLs, and the start-up sweep of files left by failed or interrupted work.</summary>
public static class SandboxServiceCollectionExtensions
{
    public static IServiceCollection AddPrebiasSandbox(this IServiceCollection services)
    {
        services.AddOptions<ImportSandboxOptions>().BindConfiguration(ImportSandboxOptions.Section);
        services.AddOptions<DownloadOptions>().BindConfiguration(DownloadOptions.Section);
        services.AddSingleton<ImportSandbox>();
        services.AddSingleton<DownloadAddressPolicy>();
        services.AddTransient<GuardedDownloadHandler>();
        services.AddHttpClient("downloads", c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedDownloadHandler.CreatePrimary(
                sp.GetRequiredService<DownloadAddressPolicy>(), sp.GetRequiredService<IOptions<DownloadOptions>>().Value))
            .AddHttpMessageHandler<GuardedDownloadHandler>();
        services.AddScoped<ArtifactSweep>();
        services.AddHostedService<ArtifactSweepService>();
        return services;
    }
}
