using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Prebias.Api.Health;

/// <summary>Ready when a connection opens and answers <c>SELECT 1</c>.</summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var cmd = dataSource.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"Postgres: {ex.Message}");
        }
    }
}
