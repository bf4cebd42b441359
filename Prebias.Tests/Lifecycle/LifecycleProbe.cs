using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Prebias.Core.Domain;
using Prebias.Core.Lifecycle;
using Prebias.Core.Persistence;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Lifecycle;

/// <summary>What the lifecycle tests look at besides the REST API: the invariant, Hangfire's storage, the database.</summary>
public static class LifecycleProbe
{
    /// <summary>
    /// The invariant: no row is Pending or Running while no live job owns it (a Hangfire job that produces it and is
    /// Enqueued, Scheduled, Pending or Processing).
    /// </summary>
    public static async Task AssertNoOrphanedRowsAsync(ApiFixture api)
    {
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PrebiasDbContext>();
        var jobs = scope.ServiceProvider.GetRequiredService<ResourceJobs>();
        var rows = new List<ResourceRow>();
        rows.AddRange(await db.Corpora.Where(r => r.State == ResourceState.Pending).Select(r => new ResourceRow(ResourceKind.Corpus, r.Id, r.State.ToString(), r.JobId)).ToListAsync());
        rows.AddRange(await db.Tokenizers.Where(r => r.State == ResourceState.Pending).Select(r => new ResourceRow(ResourceKind.Tokenizer, r.Id, r.State.ToString(), r.JobId)).ToListAsync());
        rows.AddRange(await db.Datasets.Where(r => r.State == ResourceState.Pending).Select(r => new ResourceRow(ResourceKind.Dataset, r.Id, r.State.ToString(), r.JobId)).ToListAsync());
        rows.AddRange(await db.Runs.Where(r => r.State == RunState.Pending || r.State == RunState.Running).Select(r => new ResourceRow(ResourceKind.Run, r.Id, r.State.ToString(), r.JobId)).ToListAsync());
        rows.AddRange(await db.Experiments.Where(r => r.State == RunState.Pending || r.State == RunState.Running).Select(r => new ResourceRow(ResourceKind.Experiment, r.Id, r.State.ToString(), r.JobId)).ToListAsync());
        var orphans = new List<string>();
        foreach (var row in rows)
        {
            var found = await jobs.FindAsync(row.Kind, row.Id, row.JobId, CancellationToken.None);
            if (!found.Any(j => j.IsLive && j.OwnsState))
                orphans.Add($"{row.Kind} {row.Id} is {row.State}; jobs: {string.Join(", ", found.Select(j => $"{j.Id}={j.State ?? "gone"}"))}");
        }
        Assert.True(orphans.Count == 0, "Rows without a live owning job:\n" + string.Join("\n", orphans));
    }

    /// <summary>Waits for a job to fail for good, skipping the waits between its automatic retries.</summary>
    public static async Task<JsonElement> FailAfterRetriesAsync(ApiFixture api, HttpClient client, string jobId, TimeSpan timeout)
    {
        var jobs = api.Services.GetRequiredService<IBackgroundJobClient>();
        return await Poll.UntilAsync(async () =>
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
            if (job.GetProperty("state").GetString() == "Scheduled") jobs.Requeue(jobId);
            return job;
        }, j => j.GetProperty("state").GetString() is "Failed" or "Succeeded" or "Deleted", timeout, $"job {jobId} to fail");
    }

    public static async Task<int> ExecuteAsync(ApiFixture api, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Removes a job from Hangfire's storage, as if it had expired or been lost: its rows become orphans.</summary>
    public static async Task RemoveFromHangfireAsync(ApiFixture api, string jobId)
    {
        var id = long.Parse(jobId);
        foreach (var table in new[] { "jobqueue", "state", "jobparameter" })
            await ExecuteAsync(api, $"DELETE FROM hangfire.{table} WHERE jobid = @id", ("id", id));
        await ExecuteAsync(api, "DELETE FROM hangfire.job WHERE id = @id", ("id", id));
    }

    public static async Task<int> ReconcileAsync(ApiFixture api, TimeSpan grace)
    {
        using var scope = api.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ResourceReconciler>().ReconcileAsync(grace, CancellationToken.None);
    }
}
