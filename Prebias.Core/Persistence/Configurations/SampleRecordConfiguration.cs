using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prebias.Core.Domain;

namespace Prebias.Core.Persistence.Configurations;

/// <summary>Samples are written with binary COPY by the dataset job; EF reads them.</summary>
public sealed class SampleRecordConfiguration : IEntityTypeConfiguration<SampleRecord>
{
    public void Configure(EntityTypeBuilder<SampleRecord> builder)
    {
        builder.ToTable("samples");
        builder.HasKey(s => new { s.DatasetId, s.Id });
        builder.Property(s => s.Split).HasMaxLength(5);
        builder.HasIndex(s => new { s.DatasetId, s.Split });
        builder.HasOne<DatasetRecord>().WithMany().HasForeignKey(s => s.DatasetId).OnDelete(DeleteBehavior.Cascade);
    }
}
