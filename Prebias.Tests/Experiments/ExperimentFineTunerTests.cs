using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prebias.Core;
using Prebias.Core.Branches;
using Prebias.Core.Domain;
using Prebias.Core.Experiments;
using Prebias.Core.Jobs;
using Prebias.Core.Modeling;
using Prebias.Core.Ordering;
using Prebias.Core.Persistence;
using Prebias.Core.Runs;
using Prebias.Core.Training;
using Prebias.Tests.Infrastructure;
using Prebias.Tests.Pipeline;

namespace Prebias.Tests.Experiments;

/// <summary>
/// The experiment monitor's fine-tune step on real Postgres and Hangfire, without training anything: two runs whose
/// rows say they are trained (a checkpoint each, evaluated), an experiment that asks for a fine-tune, and the monitor
/// delivered twice, as Hangfire may. No worker serves the gpu queue meanwhile, and the jobs are deleted after.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ExperimentFineTunerTests(ApiFixture api)
{
    [Fact]
    public async Task Monitor_StartsExactlyOneFineTunePerRun_WhenDeliveredTwice()
    {
        var pipeline = await PipelineFixture.GetAsync(api);
        var datasetId = Guid.Parse(pipeline.DatasetId);
        var finetune = new FinetuneTransform { DatasetId = datasetId, Steps = 4 };
        var (experimentId, parents) = await TrainedExperimentAsync(datasetId, finetune);
        try
        {
            await DeliverMonitorAsync(experimentId);
            var first = await FineTunesAsync(parents);
            await DeliverMonitorAsync(experimentId);
            var second = await FineTunesAsync(parents);

            Assert.Equal(parents.Count, first.Count);
            Assert.All(parents, p => Assert.Single(first, b => b.ParentRunId == p));
            Assert.All(first, b => Assert.NotNull(b.JobId));
            // The second delivery neither added a branch nor enqueued its training again.
            Assert.Equal(first.Select(b => (b.Id, b.JobId)).Order(), second.Select(b => (b.Id, b.JobId)).Order());
            Assert.All(second, b =>
            {
                Assert.Equal(datasetId, b.DatasetId);
                Assert.Equal(8, b.BranchFromStep);
                Assert.Equal(4, b.Training.Options.MaxIters);
                Assert.IsType<FinetuneTransform>(Branching.TransformOf(b));
            });
        }
        finally
        {
            await CleanUpAsync(experimentId, parents);
        }
    }

    [Fact]
    public async Task FineTune_OnADatasetWithAnotherTokenizer_Is400NamingTheDatasetId()
    {
        var pipeline = await PipelineFixture.GetAsync(api);
        var datasetId = Guid.Parse(pipeline.DatasetId);
        var other = await DatasetWithAnotherTokenizerAsync(datasetId);
        using var client = api.CreateAuthorizedClient();

        var response = await client.PostAsJsonAsync("/api/experiments/durability", new
        {
            datasetId, orderings = new[] { new { method = "shuffle" } }, training = new { maxIters = 8 },
            finetune = new { datasetId = other, steps = 4 },
        });

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        var messages = JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty("finetune.datasetId");
        Assert.Contains("same tokenizer", messages[0].GetString());

        // A branch of a run says the same about its transform.
        var (experimentId, parents) = await TrainedExperimentAsync(datasetId, null);
        try
        {
            using var scope = api.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PrebiasDbContext>();
            var parent = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == parents[0]);
            var (_, refused) = await scope.ServiceProvider.GetRequiredService<BranchLauncher>().PrepareAsync(parent,
                new BranchSpec { FromStep = 8, Transform = new FinetuneTransform { DatasetId = other, Steps = 4 } },
                Guid.NewGuid(), default);
            Assert.Contains("transform.datasetId", Assert.IsType<LaunchResult.Invalid>(refused).Errors.Keys);
        }
        finally
        {
            await CleanUpAsync(experimentId, parents);
        }
    }

    private async Task DeliverMonitorAsync(Guid experimentId)
    {
        using var scope = api.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ExperimentMonitorJob>()
            .RunAsync(experimentId, CancellationToken.None);
    }

    private async Task<List<RunRecord>> FineTunesAsync(IReadOnlyList<Guid> parents)
    {
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PrebiasDbContext>();
        return await db.Runs.AsNoTracking()
            .Where(r => r.ParentRunId != null && parents.Contains(r.ParentRunId.Value))
            .ToListAsync();
    }

    /// <summary>An experiment of two runs (an ordering and the baseline) whose rows say they trained 8 steps.</summary>
    private async Task<(Guid Experiment, List<Guid> Runs)> TrainedExperimentAsync(Guid datasetId,
        FinetuneTransform? finetune)
    {
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PrebiasDbContext>();
        var dataset = await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == datasetId);
        var vocab = (await db.Tokenizers.AsNoTracking().SingleAsync(t => t.Id == dataset.TokenizerId)).VocabSize!.Value;
        var spec = new DurabilitySpec
        {
            DatasetId = datasetId, Orderings = [new OrderingSpec()], Seeds = [1], Finetune = finetune,
        };
        var experiment = new ExperimentRecord
        {
            Id = Guid.NewGuid(), DatasetId = datasetId, State = RunState.Running, CreatedAt = DateTimeOffset.UtcNow,
            Spec = JsonSerializer.Serialize(spec, JsonDefaults.Options),
        };
        db.Experiments.Add(experiment);
        var model = new ModelArgs
        {
            Dim = 16, NLayers = 1, NHeads = 2, NKvHeads = 2, VocabSize = vocab, MaxSeqLen = dataset.MaxSeqLen,
        };
        var training = new ResolvedTraining(new TrainingOptions
        {
            BatchSize = 2, GradientAccumulationSteps = 1, MaxIters = 8, EvalInterval = 8, Seed = 1,
        }, false);
        var config = new RunConfig(model, training, new OrderingSpec { Seed = 1 });
        var runs = new[] { "shuffle", ExperimentRuns.BaselinePrefix + "shuffle" }.Select(name => new RunRecord
        {
            Id = Guid.NewGuid(), Name = name, DatasetId = datasetId, Seed = 1, ExperimentId = experiment.Id,
            State = RunState.Succeeded, Model = config.Model, Training = config.Training, Ordering = config.Ordering,
            CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.Runs.AddRange(runs);
        foreach (var run in runs)
        {
            db.Checkpoints.Add(new CheckpointRecord
            {
                RunId = run.Id, Step = 8, WeightsSha256 = "0", CreatedAt = DateTimeOffset.UtcNow,
            });
            db.Evaluations.Add(new EvaluationRecord { RunId = run.Id, Step = 8, CreatedAt = DateTimeOffset.UtcNow });
        }
        await db.SaveChangesAsync();
        return (experiment.Id, runs.ConvertAll(r => r.Id));
    }

    private async Task<Guid> DatasetWithAnotherTokenizerAsync(Guid datasetId)
    {
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PrebiasDbContext>();
        var dataset = await db.Datasets.AsNoTracking().SingleAsync(d => d.Id == datasetId);
        var tokenizer = new TokenizerRecord
        {
            Id = Guid.NewGuid(), Name = "another", Kind = "train", Source = "{}", State = ResourceState.Ready,
            VocabSize = 512, CreatedAt = DateTimeOffset.UtcNow,
        };
        var other = new DatasetRecord
        {
            Id = Guid.NewGuid(), CorpusId = dataset.CorpusId, TokenizerId = tokenizer.Id, MaxSeqLen = dataset.MaxSeqLen,
            State = ResourceState.Ready, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Tokenizers.Add(tokenizer);
        db.Datasets.Add(other);
        await db.SaveChangesAsync();
        return other.Id;
    }

    /// <summary>
    /// Cancels the experiment (its scheduled monitor then ends at once) and deletes the fine-tunes' jobs.
    /// </summary>
    private async Task CleanUpAsync(Guid experimentId, IReadOnlyList<Guid> parents)
    {
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PrebiasDbContext>();
        var jobs = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
        await db.Experiments.Where(e => e.Id == experimentId)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.State, RunState.Cancelled));
        foreach (var branch in await FineTunesAsync(parents))
        {
            if (branch.JobId is { } jobId) jobs.Delete(jobId);
            await db.Runs.Where(r => r.Id == branch.Id)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.State, RunState.Cancelled));
        }
    }
}
