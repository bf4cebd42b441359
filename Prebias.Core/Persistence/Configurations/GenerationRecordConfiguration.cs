using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prebias.Core.Domain;

namespace Prebias.Core.Persistence.Configurations;

public sealed class GenerationRecordConfiguration : IEntityTypeConfiguration<GenerationRecord>
{
    public void Configure(EntityTypeBuilder<GenerationRecord> builder)
    {
        builder.ToTable("generations");
        builder.HasKey(g => new { g.RunId, g.Step, g.Index });
        builder.HasOne<RunRecord>().WithMany().HasForeignKey(g => g.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
