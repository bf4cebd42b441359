using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prebias.Core.Domain;

namespace Prebias.Core.Persistence.Configurations;

public sealed class TorchDiagnosticConfiguration : IEntityTypeConfiguration<TorchDiagnostic>
{
    public void Configure(EntityTypeBuilder<TorchDiagnostic> builder)
    {
        builder.ToTable("torch_diagnostics");
        builder.HasKey(d => d.Id);
    }
}
