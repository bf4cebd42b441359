using Hangfire;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Prebias.Core.Jobs;
using Prebias.Core.Lifecycle;

namespace Prebias.Core.Hosting;

/// <summary>Hangfire storage and filters, shared by the API (client, dashboard, optional server) and the workers.</summary>
public static class HangfireSetup
{
    public const string Schema = "hangfire";

    public static IServiceCollection AddPrebiasHangfire(this IServiceCollection services, string connectionString, TimeSpan invisibilityTimeout)
    {
        // Our filter goes into this host's filter provider, not Hangfire's static global list: several hosts in one
        // process (tests: API + worker) must each write through their own database connection. Registered before
        // AddHangfire, whose TryAdd then keeps it for the job factory, state changer and performer.
        services.AddSingleton<IJobFilterProvider>(provider => new JobFilterProviderCollection(
            JobFilterProviders.Providers, new JobFilterCollection { provider.GetRequiredService<JobStateFilter>() }));
        services.AddHangfire((_, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(c => c.UseNpgsqlConnection(connectionString), StorageOptions(invisibilityTimeout)));
        return services;
    }

    /// <summary>
    /// Sliding invisibility: a running job keeps extending its lease, so a job longer than the timeout is not
    /// handed to a second worker (the default is a fixed 30 minutes). A crashed worker's job reappears after
    /// <see cref="PostgreSqlStorageOptions.InvisibilityTimeout"/> (Prebias:Hangfire:InvisibilityTimeoutSeconds,
    /// <see cref="DefaultInvisibilityTimeoutSeconds"/> by default), and every job is written to be reentrant.
    /// </summary>
    public static PostgreSqlStorageOptions StorageOptions(TimeSpan invisibilityTimeout) => new()
    {
        SchemaName = Schema,
        PrepareSchemaIfNecessary = true,
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = invisibilityTimeout,
        QueuePollInterval = TimeSpan.FromMilliseconds(500),
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };

    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long an orphaned job's lease lasts by default (Prebias:Hangfire:InvisibilityTimeoutSeconds): a live worker
    /// keeps renewing it (sliding invisibility), so a job whose worker died (or lost the database) is fetched again after this.
    /// </summary>
    public const int DefaultInvisibilityTimeoutSeconds = 30;

    public static IServiceCollection AddPrebiasHangfireServer(this IServiceCollection services, WorkerOptions options)
    {
        // Built as AddHangfireServer builds them: through this host's filter provider (our JobStateFilter) and its DI
        // job activator.
        services.AddHostedService(provider =>
        {
            var filters = provider.GetRequiredService<IJobFilterProvider>();
            return new PrebiasHangfireServer(provider.GetRequiredService<JobStorage>(),
                provider.GetService<IBackgroundJobFactory>() ?? new BackgroundJobFactory(filters),
                provider.GetService<IBackgroundJobPerformer>() ?? new BackgroundJobPerformer(filters, provider.GetRequiredService<JobActivator>(), TaskScheduler.Default),
                provider.GetService<IBackgroundJobStateChanger>() ?? new BackgroundJobStateChanger(filters), options);
        });
        services.AddHostedService<ResourceReconcilerSchedule>();
        return services;
    }
}
