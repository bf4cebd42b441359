using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Prebias.Core.Torch;

namespace Prebias.Api.Health;

/// <summary>Ready when the native torch library loads (the GLIBCXX fix, the backend package, the device option).</summary>
public sealed class TorchHealthCheck(IOptions<TorchOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var device = TorchRuntime.Initialize(options.Value);
            return Task.FromResult(HealthCheckResult.Healthy($"libtorch {TorchRuntime.LibTorchVersion} on {device}"));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"TorchSharp: {ex.Message}"));
        }
    }
}
