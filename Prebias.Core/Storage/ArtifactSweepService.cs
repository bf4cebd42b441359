using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Prebias.Core.Storage;

/// <summary>Runs <see cref="ArtifactSweep"/> once at start for entries older than a day (every API and worker
/// process does; the sweep is idempotent). A database that is not there yet only skips the sweep.</summary>
public sealed class ArtifactSweepService(IServiceScopeFactory scopes, ILogger<ArtifactSweepService> logger) : BackgroundService
{
    public static readonly TimeSpan MinAge = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Give migrations (applied by the API at start) a moment; the sweep is not urgent.
        await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ArtifactSweep>().SweepAsync(MinAge, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Artifact sweep skipped: {Message}", e.Message);
        }
    }
}
