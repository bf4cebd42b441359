using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prebias.Core.Domain;

namespace Prebias.Core.Persistence.Configurations;

public sealed class ContentIdRecordConfiguration : IEntityTypeConfiguration<ContentIdRecord>
{
    public void Configure(EntityTypeBuilder<ContentIdRecord> builder)
    {
        builder.ToTable("content_ids");
        builder.HasKey(c => new { c.Kind, c.ResourceId, c.Step });
        builder.HasIndex(c => c.ContentId);
        builder.Property(c => c.ContentId).HasMaxLength(ContentIds.ContentId.Length);
        builder.Property(c => c.Kind).HasMaxLength(16);
    }
}
