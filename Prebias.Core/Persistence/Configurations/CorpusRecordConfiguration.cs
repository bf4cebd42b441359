using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prebias.Core.Domain;

namespace Prebias.Core.Persistence.Configurations;

public sealed class CorpusRecordConfiguration : IEntityTypeConfiguration<CorpusRecord>
{
    public void Configure(EntityTypeBuilder<CorpusRecord> builder)
    {
        builder.ToTable("corpora");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Source).HasColumnType("jsonb");
        builder.Property(c => c.SkipReport).HasColumnType("jsonb");
        builder.Ignore(c => c.ArtifactKey);
        builder.HasIndex(c => c.CreatedAt);
    }
}
