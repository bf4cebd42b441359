using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Jobs;

namespace Prebias.Core.Persistence;

/// <summary>
/// The Prebias schema (<c>public</c>); Hangfire keeps its own tables in the <c>hangfire</c> schema.
/// </summary>
/// <remarks>
/// Add a migration with:
/// <c>dotnet ef migrations add &lt;Name&gt; --project Prebias.Core --startup-project Prebias.Core --output-dir Persistence/Migrations</c>
/// (design-time factory: <see cref="PrebiasDbContextFactory"/>). The API applies migrations at start.
/// </remarks>
public sealed class PrebiasDbContext(DbContextOptions<PrebiasDbContext> options) : DbContext(options)
{
    public DbSet<JobRecord> Jobs => Set<JobRecord>();
    public DbSet<TorchDiagnostic> TorchDiagnostics => Set<TorchDiagnostic>();
    public DbSet<CorpusRecord> Corpora => Set<CorpusRecord>();
    public DbSet<TokenizerRecord> Tokenizers => Set<TokenizerRecord>();
    public DbSet<DatasetRecord> Datasets => Set<DatasetRecord>();
    public DbSet<SampleRecord> Samples => Set<SampleRecord>();
    public DbSet<RunRecord> Runs => Set<RunRecord>();
    public DbSet<CheckpointRecord> Checkpoints => Set<CheckpointRecord>();
    public DbSet<LossRecord> Losses => Set<LossRecord>();
    public DbSet<EvaluationRecord> Evaluations => Set<EvaluationRecord>();
    public DbSet<CheckpointMetricRecord> CheckpointMetrics => Set<CheckpointMetricRecord>();
    public DbSet<GenerationRecord> Generations => Set<GenerationRecord>();
    public DbSet<BiasScoreRecord> BiasScores => Set<BiasScoreRecord>();
    public DbSet<ExperimentRecord> Experiments => Set<ExperimentRecord>();
    public DbSet<DivergenceRecord> Divergences => Set<DivergenceRecord>();
    public DbSet<ContentIdRecord> ContentIds => Set<ContentIdRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PrebiasDbContext).Assembly);

    /// <summary>States are stored by name in their text columns, as they were before they became enums.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<RunState>().HaveConversion<string>();
        configurationBuilder.Properties<ResourceState>().HaveConversion<string>();
    }
}
