using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prebias.Core.Domain;

namespace Prebias.Core.Persistence.Configurations;

public sealed class DivergenceRecordConfiguration : IEntityTypeConfiguration<DivergenceRecord>
{
    public void Configure(EntityTypeBuilder<DivergenceRecord> builder)
    {
        builder.ToTable("divergences");
        builder.HasKey(d => new { d.ExperimentId, d.RunId, d.Step });
        builder.HasOne<ExperimentRecord>().WithMany().HasForeignKey(d => d.ExperimentId).OnDelete(DeleteBehavior.Cascade);
    }
}
