using Microsoft.Extensions.DependencyInjection.Extensions;
using Prebias.Api.Auth;
using Prebias.Api.Health;
using Prebias.Api.Swagger;
using Prebias.Core.Hosting;

namespace Prebias.Api.Extensions;

/// <summary>Every registration of the API process.</summary>
public static class ApplicationServiceExtensions
{
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddPrebiasSerilog(builder.Configuration);
        services.AddPrebiasCore(builder.Configuration);

        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section);
        services.AddSingleton<ApiKeyValidator>();
        services.AddSingleton<HangfireDashboardAuthorization>();
        services.AddSingleton<DashboardSessions>();
        services.TryAddSingleton(TimeProvider.System);
        // Hangfire's dashboard checks antiforgery tokens on its commands when the service is there.
        services.AddAntiforgery();

        // Single-machine default: the API also runs a Hangfire server (Prebias:Worker:InProcess=true).
        var worker = builder.Configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        if (worker.InProcess) services.AddPrebiasHangfireServer(worker with { Name = worker.Name ?? "api" });

        services.AddPrebiasRequestErrors();
        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"])
            .AddCheck<HangfireHealthCheck>("hangfire", tags: ["ready"])
            .AddCheck<TorchHealthCheck>("torch", tags: ["ready"]);

        services.AddPrebiasSwagger();
    }
}
