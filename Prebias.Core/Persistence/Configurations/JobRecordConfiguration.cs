using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prebias.Core.Jobs;

namespace Prebias.Core.Persistence.Configurations;

public sealed class JobRecordConfiguration : IEntityTypeConfiguration<JobRecord>
{
    public void Configure(EntityTypeBuilder<JobRecord> builder)
    {
        builder.ToTable("jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasMaxLength(64);
        builder.Property(j => j.Type).HasMaxLength(100);
        builder.Property(j => j.State).HasMaxLength(20);
        builder.HasIndex(j => new { j.State, j.CreatedAt });
        builder.HasIndex(j => new { j.Type, j.CreatedAt });
        builder.Property(j => j.ResourceKind).HasMaxLength(20);
        // Finds the jobs that work on a resource (cancel a run, reconcile orphans).
        builder.HasIndex(j => new { j.ResourceKind, j.ResourceId });
    }
}
