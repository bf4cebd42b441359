using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Prebias.Tests.Infrastructure;
using Prebias.Tests.Pipeline;

namespace Prebias.Tests.Lifecycle;

/// <summary>
/// One owner of resource state: however a job ends (an unexpected exception after its retries, a cancellation before
/// it starts, a job that vanished), its resource ends final, and no row is left Pending or Running without a live job.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ResourceStateTests(ApiFixture api)
{
    [Fact]
    public async Task UnexpectedTrainingFailure_MarksTheRunFailed_WithTheJobsMessage()
    {
        var p = await PipelineFixture.GetAsync(api);
        // Nothing serves the gpu queue yet, so the stored configuration can be broken the way a bad beta1 once
        // slipped through: libtorch's AdamW throws when the trainer is built, after the run is marked Running.
        var (runId, job) = await p.Client.PostWorkAsync("/api/runs", TrainingApiTests.TinyRun(p.DatasetId));
        Assert.Equal(1, await LifecycleProbe.ExecuteAsync(api,
            "UPDATE runs SET training = jsonb_set(training, '{options,beta1}', '5') WHERE id = @id", ("id", Guid.Parse(runId))));

        using var worker = await api.StartWorkerAsync("gpu");
        var failed = await LifecycleProbe.FailAfterRetriesAsync(api, p.Client, job, TimeSpan.FromSeconds(90));
        await worker.StopAsync();

        Assert.Equal("Failed", failed.GetProperty("state").GetString());
        Assert.Contains("beta1", failed.GetProperty("error").GetString());
        var run = await p.Client.GetJsonAsync($"/api/runs/{runId}");
        Assert.Equal("Failed", run.GetProperty("state").GetString());
        Assert.Equal(failed.GetProperty("error").GetString(), run.GetProperty("error").GetString());
        Assert.Equal("run", failed.GetProperty("resourceKind").GetString());
        Assert.Equal(runId, failed.GetProperty("resourceId").GetString());
        await LifecycleProbe.AssertNoOrphanedRowsAsync(api);
    }

    [Fact]
    public async Task OverflowWhileCompilingTheOrder_MarksThePendingRunFailed()
    {
        var p = await PipelineFixture.GetAsync(api);
        var curriculum = new { method = "curriculum", metric = "flesch_kincaid_grade", buckets = 4, pacing = 0.5 };
        var (runId, job) = await p.Client.PostWorkAsync("/api/runs", TrainingApiTests.TinyRun(p.DatasetId, curriculum));
        Assert.Equal(1, await LifecycleProbe.ExecuteAsync(api,
            "UPDATE runs SET ordering = jsonb_set(ordering, '{buckets}', '2147483647') WHERE id = @id", ("id", Guid.Parse(runId))));

        using var worker = await api.StartWorkerAsync("gpu");
        var failed = await LifecycleProbe.FailAfterRetriesAsync(api, p.Client, job, TimeSpan.FromSeconds(90));
        await worker.StopAsync();

        Assert.Equal("Failed", failed.GetProperty("state").GetString());
        var run = await p.Client.GetJsonAsync($"/api/runs/{runId}");
        Assert.Equal("Failed", run.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(run.GetProperty("error").GetString()));
        await LifecycleProbe.AssertNoOrphanedRowsAsync(api);
    }

    [Fact]
    public async Task CancellingAnEnqueuedRun_MarksItCancelled_ByJobOrByRun()
    {
        var p = await PipelineFixture.GetAsync(api);
        var (byJob, jobId) = await p.Client.PostWorkAsync("/api/runs", TrainingApiTests.TinyRun(p.DatasetId));
        var (byRun, _) = await p.Client.PostWorkAsync("/api/runs", TrainingApiTests.TinyRun(p.DatasetId, seed: 4));
        Assert.Equal("Pending", (await p.Client.GetJsonAsync($"/api/runs/{byJob}")).GetProperty("state").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await p.Client.DeleteAsync($"/api/jobs/{jobId}")).StatusCode);
        var cancelled = await p.Client.GetJsonAsync($"/api/runs/{byJob}");
        Assert.Equal("Cancelled", cancelled.GetProperty("state").GetString());
        Assert.Contains($"job {jobId}", cancelled.GetProperty("error").GetString());

        var delete = await p.Client.DeleteAsync($"/api/runs/{byRun}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        Assert.Equal(1, (await delete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobsCancelled").GetInt32());
        Assert.Equal("Cancelled", (await p.Client.GetJsonAsync($"/api/runs/{byRun}")).GetProperty("state").GetString());
        // Nothing left to cancel: 409, and an unknown run is 404.
        Assert.Equal(HttpStatusCode.Conflict, (await p.Client.DeleteAsync($"/api/runs/{byRun}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.DeleteAsync($"/api/runs/{Guid.NewGuid()}")).StatusCode);
        await LifecycleProbe.AssertNoOrphanedRowsAsync(api);
    }

    [Fact]
    public async Task UrlThatRedirectsToAFile_MarksTheCorpusFailed()
    {
        var p = await PipelineFixture.GetAsync(api);
        await using var server = await RedirectServer.StartAsync("file:///etc/hostname");
        var (corpusId, job) = await p.Client.PostWorkAsync("/api/corpora", new { name = "redirected", source = new { kind = "url", url = server.Url } });
        var ended = await p.Client.WaitForJobAsync(job);

        Assert.Equal("Failed", ended.GetProperty("state").GetString());
        var corpus = await p.Client.GetJsonAsync($"/api/corpora/{corpusId}");
        Assert.Equal("Failed", corpus.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(corpus.GetProperty("error").GetString()));
        await LifecycleProbe.AssertNoOrphanedRowsAsync(api);
    }

    [Fact]
    public async Task RunWhoseJobVanished_IsReconciledFailed_AndTheMonitorEndsTheExperiment()
    {
        var p = await PipelineFixture.GetAsync(api);
        var (experimentId, _) = await p.Client.PostWorkAsync("/api/experiments/durability", new
        {
            name = "stuck",
            datasetId = p.DatasetId,
            model = new { preset = "stories260k", dim = 32, nLayers = 2, nHeads = 4, nKvHeads = 2 },
            training = new { batchSize = 8, maxIters = 4, evalInterval = 2, evalIters = 2, warmupIters = 1, learningRate = 3e-3 },
            orderings = new[] { new { method = "sort_desc", metric = "sentiment" } },
            seeds = new[] { 1 },
        });
        var runIds = (await p.Client.GetJsonAsync($"/api/experiments/{experimentId}")).GetProperty("runIds").EnumerateArray().Select(e => e.GetString()!).ToList();
        var stuck = await p.Client.GetJsonAsync($"/api/runs/{runIds[0]}");
        // Its training job disappears from Hangfire (nothing serves the gpu queue here, so it never started).
        await LifecycleProbe.RemoveFromHangfireAsync(api, stuck.GetProperty("jobId").GetString()!);

        // Young rows are left alone (the API writes a row before its job); then the orphan is marked with what was found.
        Assert.Equal(0, await LifecycleProbe.ReconcileAsync(api, TimeSpan.FromMinutes(10)));
        Assert.Equal(1, await LifecycleProbe.ReconcileAsync(api, TimeSpan.Zero));
        var reconciled = await p.Client.GetJsonAsync($"/api/runs/{runIds[0]}");
        Assert.Equal("Failed", reconciled.GetProperty("state").GetString());
        Assert.Contains("no longer exists", reconciled.GetProperty("error").GetString());

        // The monitor (default queue, served by the pipeline's worker) sees it and ends instead of polling forever.
        var experiment = await Poll.UntilAsync(() => p.Client.GetJsonAsync($"/api/experiments/{experimentId}"),
            e => e.GetProperty("state").GetString() != "Pending" && e.GetProperty("state").GetString() != "Running",
            TimeSpan.FromMinutes(2), "the experiment to end");
        Assert.Equal("Failed", experiment.GetProperty("state").GetString());
        Assert.Contains("no longer exists", experiment.GetProperty("error").GetString());
        await Task.Delay(ExperimentMonitorDelay);
        var monitors = (await p.Client.GetFromJsonAsync<JsonElement[]>("/api/jobs?type=ExperimentMonitor&limit=1000"))!
            .Where(j => j.GetProperty("resourceId").GetString() == experimentId).ToList();
        Assert.All(monitors, m => Assert.Contains(m.GetProperty("state").GetString(), new[] { "Succeeded", "Failed" }));

        // The other run still has its live training job: DELETE on the (failed) experiment cancels what is left.
        var delete = await p.Client.DeleteAsync($"/api/experiments/{experimentId}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        Assert.Equal("Cancelled", (await p.Client.GetJsonAsync($"/api/runs/{runIds[1]}")).GetProperty("state").GetString());
        await LifecycleProbe.AssertNoOrphanedRowsAsync(api);

        // Finished now: purge removes the experiment and its runs.
        Assert.Equal(HttpStatusCode.NoContent, (await p.Client.DeleteAsync($"/api/experiments/{experimentId}?purge=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/experiments/{experimentId}")).StatusCode);
        foreach (var id in runIds) Assert.Equal(HttpStatusCode.NotFound, (await p.Client.GetAsync($"/api/runs/{id}")).StatusCode);
    }

    /// <summary>Longer than the monitor's poll interval: a monitor that still rescheduled itself would show up.</summary>
    private static readonly TimeSpan ExperimentMonitorDelay = TimeSpan.FromSeconds(6);

    /// <summary>A loopback server whose one route answers 302 to a given location.</summary>
    private sealed class RedirectServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private RedirectServer(string location)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            _app = builder.Build();
            _app.MapGet("/stories.jsonl", (HttpContext c) => { c.Response.Redirect(location); });
        }

        public string Url => new Uri(new Uri(_app.Urls.First()), "/stories.jsonl").ToString();

        public static async Task<RedirectServer> StartAsync(string location)
        {
            var server = new RedirectServer(location);
            await server._app.StartAsync();
            return server;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
