using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prebias.Core.Domain;

namespace Prebias.Core.Persistence.Configurations;

public sealed class ExperimentRecordConfiguration : IEntityTypeConfiguration<ExperimentRecord>
{
    public void Configure(EntityTypeBuilder<ExperimentRecord> builder)
    {
        builder.ToTable("experiments");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Spec).HasColumnType("jsonb");
        builder.HasOne<DatasetRecord>().WithMany().HasForeignKey(e => e.DatasetId).OnDelete(DeleteBehavior.Restrict);
    }
}
