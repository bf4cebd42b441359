using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Pipeline;

/// <summary>
/// A worker process killed with SIGKILL mid-run: Hangfire hands the job to another worker once its invisibility
/// lease lapses, the job resumes from its latest complete checkpoint, and the run ends with exactly the weights of
/// an uninterrupted run (CPU).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CrashResumeTests(ApiFixture api)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)] // a dynamic order is decided during training: the resumed run must decide it the same way
    public async Task KilledWorker_ResumesFromCheckpoint_AndEndsWithIdenticalWeights(bool dynamic)
    {
        var p = await PipelineFixture.GetAsync(api);
        var ordering = dynamic ? new { method = "dynamic", policy = "loss", refreshInterval = 4, poolSize = 64 } : null;
        var spec = TrainingApiTests.TinyRun(p.DatasetId, ordering, seed: 11, maxIters: 40);

        // The interrupted run, in a real worker process.
        var (crashedRun, crashedJob) = await p.Client.PostWorkAsync("/api/runs", spec);
        using (var process = StartWorkerProcess())
        {
            await Poll.UntilAsync(() => p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{crashedRun}/checkpoints"),
                c => c!.Any(x => x.GetProperty("step").GetInt64() >= 8), TimeSpan.FromMinutes(3),
                "a checkpoint at step 8");
            process.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no state change
            await process.WaitForExitAsync();
        }
        var killedAt = DateTimeOffset.UtcNow;
        var beforeKill = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{crashedRun}/checkpoints"))!;
        Assert.Equal("Processing", (await p.Client.GetJsonAsync($"/api/jobs/{crashedJob}")).GetProperty("state").GetString());
        var stepsAtKill = (await p.Client.GetJsonAsync($"/api/runs/{crashedRun}")).GetProperty("stepsDone").GetInt64();
        Assert.True(stepsAtKill < 40, "the run finished before it could be killed");

        using var worker = await api.StartWorkerAsync("gpu");
        var job = await p.Client.WaitForSuccessAsync(crashedJob, TimeSpan.FromMinutes(3));

        // The reference: the same request, uninterrupted.
        var (referenceRun, referenceJob) = await p.Client.PostWorkAsync("/api/runs", spec);
        await p.Client.WaitForSuccessAsync(referenceJob, TimeSpan.FromMinutes(3));
        await worker.StopAsync();

        var crashed = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{crashedRun}/checkpoints"))!;
        var reference = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{referenceRun}/checkpoints"))!;
        Assert.Equal(reference.Select(c => c.GetProperty("step").GetInt64()), crashed.Select(c => c.GetProperty("step").GetInt64()));
        Assert.Equal(reference[^1].GetProperty("weightsSha256").GetString(), crashed[^1].GetProperty("weightsSha256").GetString());
        Assert.Equal((await p.Client.GetJsonAsync($"/api/runs/{referenceRun}")).GetProperty("orderSha256").GetString(),
            (await p.Client.GetJsonAsync($"/api/runs/{crashedRun}")).GetProperty("orderSha256").GetString());
        if (dynamic)
        {
            // The same decisions: every refresh saw the same pool losses and drew with the same weights.
            static string[] Decisions(string csv) => [.. csv.TrimEnd('\n').Split('\n').Select(l => l[..l.LastIndexOf(',')])];
            var crashedRefreshes = Decisions(await p.Client.GetStringAsync($"/api/runs/{crashedRun}/order/refreshes?format=csv"));
            Assert.Equal(11, crashedRefreshes.Length); // header + steps 0, 4, ..., 36
            Assert.Equal(Decisions(await p.Client.GetStringAsync($"/api/runs/{referenceRun}/order/refreshes?format=csv")), crashedRefreshes);
        }
        // Resumed, not restarted: checkpoint 4 was written by the killed process and never again.
        Assert.Equal(beforeKill.Single(c => c.GetProperty("step").GetInt64() == 4).GetProperty("createdAt").GetDateTimeOffset(),
            crashed.Single(c => c.GetProperty("step").GetInt64() == 4).GetProperty("createdAt").GetDateTimeOffset());
        Assert.True(crashed[^1].GetProperty("createdAt").GetDateTimeOffset() > killedAt);
        var losses = await p.Client.GetStringAsync($"/api/runs/{crashedRun}/losses?format=csv");
        Assert.Equal(41, losses.TrimEnd('\n').Split('\n').Length); // one row per step, none duplicated by the resume
    }

    [Fact]
    public async Task CancelledRun_StopsAndKeepsItsLastCheckpoint()
    {
        var p = await PipelineFixture.GetAsync(api);
        using var worker = await api.StartWorkerAsync("gpu");
        var (runId, job) = await p.Client.PostWorkAsync("/api/runs", TrainingApiTests.TinyRun(p.DatasetId, seed: 12, maxIters: 400));
        await Poll.UntilAsync(() => p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{runId}/checkpoints"),
            c => c!.Any(x => x.GetProperty("step").GetInt64() >= 4), TimeSpan.FromMinutes(3), "a checkpoint at step 4");
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await p.Client.DeleteAsync($"/api/jobs/{job}")).StatusCode);
        var run = await Poll.UntilAsync(() => p.Client.GetJsonAsync($"/api/runs/{runId}"),
            r => r.GetProperty("state").GetString() == "Cancelled", TimeSpan.FromSeconds(90), "the run to stop");
        await worker.StopAsync();
        Assert.True(run.GetProperty("stepsDone").GetInt64() < 400);
        var checkpoints = (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{runId}/checkpoints"))!;
        var last = checkpoints[^1].GetProperty("step").GetInt64();
        Assert.True((await p.Client.GetAsync($"/api/runs/{runId}/checkpoints/{last}/export/safetensors")).IsSuccessStatusCode);
    }

    private Process StartWorkerProcess()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        // The workers' own build output (same configuration as the tests): its deps.json matches its folder.
        var workers = AppContext.BaseDirectory.Replace($"{Path.DirectorySeparatorChar}Prebias.Tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}Prebias.Workers{Path.DirectorySeparatorChar}");
        psi.ArgumentList.Add(Path.Combine(workers, "Prebias.Workers.dll"));
        psi.WorkingDirectory = workers;
        foreach (var (key, value) in api.Settings()) psi.Environment[key.Replace(":", "__")] = value;
        psi.Environment["Prebias__Worker__Queues__0"] = "gpu";
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
