using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Prebias.Core.Persistence;

/// <summary>Design-time factory for <c>dotnet ef</c>; the connection string is never used to connect.</summary>
public sealed class PrebiasDbContextFactory : IDesignTimeDbContextFactory<PrebiasDbContext>
{
    public PrebiasDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PrebiasDbContext>()
            .UseNpgsql("Host=localhost;Database=prebias_design")
            .UseSnakeCaseNamingConvention()
            .Options);
}
