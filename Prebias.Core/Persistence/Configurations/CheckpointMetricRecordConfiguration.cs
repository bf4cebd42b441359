using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prebias.Core.Domain;

namespace Prebias.Core.Persistence.Configurations;

public sealed class CheckpointMetricRecordConfiguration : IEntityTypeConfiguration<CheckpointMetricRecord>
{
    public void Configure(EntityTypeBuilder<CheckpointMetricRecord> builder)
    {
        builder.ToTable("checkpoint_metrics");
        builder.HasKey(m => new { m.RunId, m.Step, m.Metric });
        builder.HasOne<RunRecord>().WithMany().HasForeignKey(m => m.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
