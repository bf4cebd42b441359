using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Prebias.Core.Evaluation.Association;
using Prebias.Core.Corpora;
using Prebias.Core.Datasets;
using Prebias.Core.Diagnostics;
using Prebias.Core.Evaluation;
using Prebias.Core.Branches;
using Prebias.Core.Experiments;
using Prebias.Core.Runs;
using Prebias.Core.SampleMetrics;
using Prebias.Core.Tokenization;
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
        services.AddOptions<EvaluationSettings>().BindConfiguration(EvaluationSettings.Section)
            .Validate(e => e.MaxNewTokens is >= 1 and <= 4096, "Prebias:Evaluation:MaxNewTokens must be 1..4096")
            .ValidateOnStart();

        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddDbContext<PrebiasDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>())
            .UseSnakeCaseNamingConvention());

        services.AddSingleton(provider =>
        {
            var worker = provider.GetRequiredService<IOptions<WorkerOptions>>().Value;
            return new TorchThreadBudget(worker.Threads, worker.WorkerCount);
        });
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
        services.AddSingleton<SampleMetricSummaryStore>();
        services.AddSingleton<ISampleRowsDependent>(sp => sp.GetRequiredService<SampleMetricSummaryStore>());
        services.AddSingleton<SampleMetricsExport>();
        services.AddSingleton<SampleAttributeStore>();
        services.AddScoped<SampleAttributesJob>();
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
        services.AddScoped<ContentIds.ContentIdIndex>();
        services.AddScoped<Cards.DataCards>();
        services.AddScoped<Cards.ModelCards>();
        services.AddScoped<Export.RunExports>();

        // Use cases: each checks its request once and enqueues its job; the API only maps their answers to HTTP.
        services.AddScoped<CorpusLauncher>();
        services.AddScoped<TokenizerLauncher>();
        services.AddScoped<DatasetLauncher>();
        services.AddScoped<SampleMetricsLauncher>();
        services.AddScoped<SampleAttributesLauncher>();
        services.AddScoped<RunLauncher>();
        services.AddScoped<BranchLauncher>();
        services.AddScoped<ExperimentFineTuner>();
        services.AddScoped<EvaluationLauncher>();
        services.AddScoped<AssociationQuery>();
        services.AddScoped<ExperimentLauncher>();

        services.AddPrebiasHangfire(connectionString, TimeSpan.FromSeconds(configuration.GetValue("Prebias:Hangfire:InvisibilityTimeoutSeconds", HangfireSetup.DefaultInvisibilityTimeoutSeconds)));
        return services;
    }
}
