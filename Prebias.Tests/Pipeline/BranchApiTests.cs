using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Prebias.Tests.Infrastructure;

namespace Prebias.Tests.Pipeline;

/// <summary>Interventions: a branch starts from the parent's exact checkpoint state; its data changes only after fromStep.</summary>
[Collection(ApiCollection.Name)]
public sealed class BranchApiTests(ApiFixture api)
{
    [Fact]
    public async Task Branches_StartFromTheParentCheckpoint_AndChangeDataOnlyAfterFromStep()
    {
        var p = await PipelineFixture.GetAsync(api);
        using var worker = await api.StartWorkerAsync("gpu");
        var (parent, parentJob) = await p.Client.PostWorkAsync("/api/runs", TrainingApiTests.TinyRun(p.DatasetId, seed: 31, maxIters: 8));
        await p.Client.WaitForSuccessAsync(parentJob, TimeSpan.FromMinutes(3));

        var (reordered, reorderedJob) = await p.Client.PostWorkAsync($"/api/runs/{parent}/branches",
            new { fromStep = 4, transform = new { kind = "ordering", ordering = new { method = "sort_desc", metric = "sentiment" } } });
        var (swapped, swappedJob) = await p.Client.PostWorkAsync($"/api/runs/{parent}/branches", new { fromStep = 4, transform = new { kind = "swap_gender" } });
        // A fine-tune (here on the same dataset, which has the same tokenizer) is a new run from the parent's weights.
        var (finetuned, finetunedJob) = await p.Client.PostWorkAsync($"/api/runs/{parent}/branches",
            new
            {
                fromStep = 8,
                transform = new { kind = "finetune", datasetId = p.DatasetId, steps = 4, optimizer = "keep" },
            });
        await p.Client.WaitForSuccessAsync(reorderedJob, TimeSpan.FromMinutes(3));
        await p.Client.WaitForSuccessAsync(swappedJob, TimeSpan.FromMinutes(3));
        await p.Client.WaitForSuccessAsync(finetunedJob, TimeSpan.FromMinutes(3));
        await worker.StopAsync();

        async Task<Dictionary<long, string>> Weights(string run) => (await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{run}/checkpoints"))!
            .ToDictionary(c => c.GetProperty("step").GetInt64(), c => c.GetProperty("weightsSha256").GetString()!);
        async Task<int[]> Step(string run, int k) =>
            [.. (await p.Client.GetJsonAsync($"/api/runs/{run}/steps/{k}/samples")).GetProperty("microBatches")[0].EnumerateArray().Select(e => e.GetInt32())];

        var parentWeights = await Weights(parent);
        var reorderedWeights = await Weights(reordered);
        var swappedWeights = await Weights(swapped);
        // The branch point is the parent's state, bit for bit; afterwards the branches move away from the parent.
        Assert.Equal(parentWeights[4], reorderedWeights[4]);
        Assert.Equal(parentWeights[4], swappedWeights[4]);
        Assert.Equal(new long[] { 4, 8 }, reorderedWeights.Keys.Order());
        Assert.NotEqual(parentWeights[8], reorderedWeights[8]);
        Assert.NotEqual(parentWeights[8], swappedWeights[8]);

        // Before fromStep the ledgers agree; after it the reordered branch takes other samples, the swapped one the same.
        for (var k = 0; k < 4; k++) Assert.Equal(await Step(parent, k), await Step(reordered, k));
        Assert.NotEqual(await Step(parent, 5), await Step(reordered, 5));
        for (var k = 0; k < 8; k++) Assert.Equal(await Step(parent, k), await Step(swapped, k));

        // The fine-tune's steps count from 0: its step-0 checkpoint is the parent's last, its ledger its own order.
        var finetunedWeights = await Weights(finetuned);
        Assert.Equal(new long[] { 0, 4 }, finetunedWeights.Keys.Order());
        Assert.Equal(parentWeights[8], finetunedWeights[0]);
        Assert.NotEqual(parentWeights[8], finetunedWeights[4]);
        Assert.NotEqual(await Step(parent, 0), await Step(finetuned, 0));

        var branches = await p.Client.GetFromJsonAsync<JsonElement[]>($"/api/runs/{parent}/branches");
        Assert.Equal(3, branches!.Length);
        Assert.Equal(new long[] { 4, 4, 8 }, branches.Select(b => b.GetProperty("branchFromStep").GetInt64()).Order());

        Assert.Equal(HttpStatusCode.Conflict, (await p.Client.PostAsJsonAsync($"/api/runs/{parent}/branches", new { fromStep = 3, transform = new { kind = "swap_gender" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await p.Client.PostAsJsonAsync($"/api/runs/{parent}/branches", new { fromStep = 4, transform = new { kind = "erase" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await p.Client.PostAsJsonAsync($"/api/runs/{parent}/branches", new { fromStep = 4, steps = 4, transform = new { kind = "swap_gender" } })).StatusCode);
    }
}
