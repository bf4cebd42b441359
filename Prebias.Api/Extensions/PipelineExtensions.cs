using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Prebias.Api.Apis;
using Prebias.Api.Auth;
using Prebias.Api.Errors;
using Prebias.Api.Health;
using Prebias.Core.Persistence;
using Prebias.Core.SampleMetrics;
using Serilog;

namespace Prebias.Api.Extensions;

/// <summary>Middleware order, the route table, and start-up.</summary>
public static class PipelineExtensions
{
    public static void UsePrebiasPipeline(this WebApplication app)
    {
        // Serving behind a path prefix (e.g. /prebias) for reverse proxies.
        if (app.Configuration["Prebias:PathBase"] is { Length: > 0 } pathBase) app.UsePathBase(pathBase);
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseMiddleware<UnsupportedFormatMiddleware>();
        app.UseSwagger();
        app.UseSwaggerUI(ui => ui.DocumentTitle = "Prebias API");
        // The dashboard (wwwroot/index.html at /, relative URLs so it works under PathBase too).
        app.UseDefaultFiles();
        app.UseStaticFiles();
    }

    public static void MapPrebiasEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponseWriter.WriteAsync });
        var dashboard = app.Services.GetRequiredService<HangfireDashboardAuthorization>();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [dashboard],
            IsReadOnlyFunc = dashboard.IsReadOnly,
            DashboardTitle = "Prebias jobs",
        });
        app.MapDashboardLoginApi();
        app.MapJobsApi();
        app.MapDiagnosticsApi();
        app.MapCorporaApi();
        app.MapTokenizersApi();
        app.MapDatasetsApi();
        app.MapMetricsApi();
        app.MapSampleMetricsApi();
        app.MapSampleAttributesApi();
        app.MapRunsApi();
        app.MapEvaluationsApi();
        app.MapAssociationsApi();
        app.MapCheckpointViewsApi();
        app.MapExperimentsApi();
        app.MapExperimentVerdictsApi();
        app.MapSampleHistogramsApi();
        app.MapGenerationScoresApi();
        app.MapBranchesApi();
        app.MapOrderRefreshesApi();
        app.MapInContextApi();
        app.MapResourceDeletionApi();
        app.MapContentIdsApi();
        app.MapCardsApi();
        app.MapRunExportsApi();
    }

    /// <summary>
    /// Waits for Postgres (visible retries, then one clear line and exit code 2), migrates, adds the columns of new
    /// metrics, serves.
    /// </summary>
    public static async Task<int> RunPrebiasAsync(this WebApplication app)
    {
        try
        {
            var timeout = TimeSpan.FromSeconds(app.Configuration.GetValue("Prebias:DatabaseWaitSeconds", 30));
            await DatabaseStartup.WaitForDatabaseAsync(app.Services, timeout);
            await DatabaseStartup.MigrateAsync(app.Services);
            await SampleMetricsSchema.EnsureColumnsAsync(app.Services);
        }
        catch (DatabaseUnavailableException ex)
        {
            app.Logger.LogCritical("{Message}", ex.Message);
            return 2;
        }
        await app.RunAsync();
        return 0;
    }
}
