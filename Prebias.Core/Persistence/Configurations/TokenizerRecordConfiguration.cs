using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prebias.Core.Domain;

namespace Prebias.Core.Persistence.Configurations;

public sealed class TokenizerRecordConfiguration : IEntityTypeConfiguration<TokenizerRecord>
{
    public void Configure(EntityTypeBuilder<TokenizerRecord> builder)
    {
        builder.ToTable("tokenizers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Source).HasColumnType("jsonb");
        builder.Ignore(t => t.ArtifactKey);
        builder.Ignore(t => t.ModelKey);
        builder.HasOne<CorpusRecord>().WithMany().HasForeignKey(t => t.CorpusId).OnDelete(DeleteBehavior.Restrict);
    }
}
