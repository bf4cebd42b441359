using Prebias.Core.Hosting;
using Prebias.Core.Persistence;

namespace Prebias.Workers;

/// <summary>A generic host running Hangfire servers for the configured queues (Prebias:Worker:Queues).</summary>
public static class WorkerHost
{
    public static IHost Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        configure?.Invoke(builder.Configuration);
        builder.Services.AddPrebiasSerilog(builder.Configuration);
        builder.Services.AddPrebiasCore(builder.Configuration);
        var worker = builder.Configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        builder.Services.AddPrebiasHangfireServer(worker with { Name = worker.Name ?? "worker" });
        return builder.Build();
    }

    public static async Task<int> RunAsync(string[] args)
    {
        using var host = Build(args);
        var logger = host.Services.GetRequiredService<ILogger<IHost>>();
        try
        {
            var timeout = TimeSpan.FromSeconds(host.Services.GetRequiredService<IConfiguration>().GetValue("Prebias:DatabaseWaitSeconds", 60));
            await DatabaseStartup.WaitForDatabaseAsync(host.Services, timeout);
        }
        catch (DatabaseUnavailableException ex)
        {
            logger.LogCritical("{Message}", ex.Message);
            return 2;
        }
        await host.RunAsync();
        return 0;
    }
}
