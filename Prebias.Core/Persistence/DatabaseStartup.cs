using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Prebias.Core.Persistence;

/// <summary>
/// Start-up database work: wait for Postgres with a visible message (not a stack-trace loop), then apply migrations.
/// </summary>
public static class DatabaseStartup
{
    public static async Task WaitForDatabaseAsync(IServiceProvider services, TimeSpan timeout, CancellationToken ct = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var deadline = DateTime.UtcNow + timeout;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                if (DateTime.UtcNow >= deadline)
                    throw new DatabaseUnavailableException(
                        $"Postgres is unreachable at {Describe(dataSource)} after {attempt} attempts: {ex.Message}", ex);
                logger.LogWarning("Waiting for Postgres at {Database} (attempt {Attempt}): {Error}", Describe(dataSource), attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), ct);
            }
        }
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrebiasDbContext>();
        await db.Database.MigrateAsync(ct);
    }

    private static string Describe(NpgsqlDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
