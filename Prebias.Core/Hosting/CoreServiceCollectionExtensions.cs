using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Prebias.Core.Datasets;
using Prebias.Core.Corpora.Jobs;
using Prebias.Core.Datasets.Jobs;
using Prebias.Core.Diagnostics;
using Prebias.Core.Evaluation.Jobs;
using Prebias.Core.Experiments;
using Prebias.Core.Runs;
using Prebias.Core.SampleMetrics;
using Prebias.Core.Tokenization.Jobs;
using Prebias.Core.Jobs;
using Prebias.Core.Lifecycle;
using Prebias.Core.Persistence;
using Prebias.Core.Storage;
using Prebias.Core.Torch;

namespace Prebias.Core.Hosting;

/// <summary>Registrations shared by the API and the workers: options, Postgres, artifact store, jobs.</summary>
public static class CoreServiceCollectionExtensions
{
    public const string ConnectionStringName = "Prebias";

    public static IServiceCollection AddPrebiasCore(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                "No database configured: set ConnectionStrings__Prebias (./run.sh does this for its embedded cluster).");

        services.AddOptions<ArtifactStoreOptions>().BindConfiguration(ArtifactStoreOptions.Section);
        services.AddOptions<TorchOptions>().BindConfiguration(TorchOptions.Section);
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section);

        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddDbContext<PrebiasDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention());

        services.AddSingleton<IArtifactStore, FileArtifactStore>();
        services.AddSingleton<JobRecordStore>();
        services.AddSingleton<JobProgress>();
        services.AddSingleton<ResourceStateMarker>();
        services.AddSingleton<JobStateFilter>();
        services.AddScoped<ResourceJobs>();
        services.AddScoped<ResourceReconciler>();
        services.AddScoped<ResourceReconcilerJob>();
        services.AddScoped<ResourcePurge>();
        services.AddScoped<ResourceDeletion>();
        services.AddScoped<JobScheduler>();
        services.AddScoped<TorchDiagnosticJob>();
        services.AddPrebiasSandbox();

        services.AddSingleton<TokenizerCache>();
        services.AddSingleton<TokenFrequencies>();
        services.AddSingleton<SampleTable>();
        services.AddSingleton<SampleMetricsStore>();
        services.AddSingleton<SampleMetricsQueries>();
        services.AddScoped<CorpusImportJob>();
        services.AddScoped<TokenizerBuildJob>();
        services.AddScoped<DatasetBuildJob>();
        services.AddScoped<SampleMetricsJob>();
        services.AddScoped<RunOrders>();
        services.AddSingleton<RunStore>();
        services.AddScoped<EvaluationJob>();
        services.AddScoped<SamplePerplexityJob>();
        services.AddScoped<DivergenceCalculator>();
        services.AddScoped<ExperimentMonitorJob>();
        services.AddScoped<TrainingJob>();

        services.AddPrebiasHangfire(connectionString, TimeSpan.FromSeconds(configuration.GetValue("Prebias:Hangfire:InvisibilityTimeoutSeconds", HangfireSetup.DefaultInvisibilityTimeoutSeconds)));
        return services;
    }
}
