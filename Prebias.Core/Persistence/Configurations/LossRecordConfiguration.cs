using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prebias.Core.Domain;

namespace Prebias.Core.Persistence.Configurations;

public sealed class LossRecordConfiguration : IEntityTypeConfiguration<LossRecord>
{
    public void Configure(EntityTypeBuilder<LossRecord> builder)
    {
        builder.ToTable("losses");
        builder.HasKey(l => new { l.RunId, l.Step });
        builder.HasOne<RunRecord>().WithMany().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
