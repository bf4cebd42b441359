using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prebias.Core.Domain;

namespace Prebias.Core.Persistence.Configurations;

public sealed class DatasetRecordConfiguration : IEntityTypeConfiguration<DatasetRecord>
{
    public void Configure(EntityTypeBuilder<DatasetRecord> builder)
    {
        builder.ToTable("datasets");
        builder.HasKey(d => d.Id);
        builder.Ignore(d => d.ArtifactKey);
        builder.Ignore(d => d.TokenStoreKey);
        builder.HasOne<CorpusRecord>().WithMany().HasForeignKey(d => d.CorpusId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TokenizerRecord>().WithMany().HasForeignKey(d => d.TokenizerId).OnDelete(DeleteBehavior.Restrict);
    }
}
