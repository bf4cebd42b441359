using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prebias.Core.Domain;

namespace Prebias.Core.Persistence.Configurations;

public sealed class BiasScoreRecordConfiguration : IEntityTypeConfiguration<BiasScoreRecord>
{
    public void Configure(EntityTypeBuilder<BiasScoreRecord> builder)
    {
        builder.ToTable("bias_scores");
        builder.HasKey(b => new { b.RunId, b.Step, b.Probe, b.Subject });
        builder.HasOne<RunRecord>().WithMany().HasForeignKey(b => b.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
