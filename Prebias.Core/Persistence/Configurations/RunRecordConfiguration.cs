using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prebias.Core.Domain;

namespace Prebias.Core.Persistence.Configurations;

public sealed class RunRecordConfiguration : IEntityTypeConfiguration<RunRecord>
{
    public void Configure(EntityTypeBuilder<RunRecord> builder)
    {
        builder.ToTable("runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Model).HasJsonColumn();
        builder.Property(r => r.Training).HasJsonColumn();
        builder.Property(r => r.Ordering).HasJsonColumn();
        builder.Property(r => r.Versions).HasColumnType("jsonb");
        builder.Property(r => r.BranchTransform).HasColumnType("jsonb");
        builder.Ignore(r => r.Config);
        builder.Ignore(r => r.ArtifactKey);
        builder.Ignore(r => r.OrderKey);
        builder.HasOne<DatasetRecord>().WithMany().HasForeignKey(r => r.DatasetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RunRecord>().WithMany().HasForeignKey(r => r.ParentRunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.ExperimentId);
        builder.HasOne<ExperimentRecord>().WithMany().HasForeignKey(r => r.ExperimentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.CreatedAt);
    }
}
