using System.Text.Json;
using Prebias.Core;
using Prebias.Core.Domain;
using Prebias.Core.Runs;

namespace Prebias.Api.Contracts;

/// <summary>A run: its resolved configuration, state, input hashes, library versions, throughput and seeds (<c>seed</c> is the init seed).</summary>
public sealed record RunResponse(
    Guid Id, string? Name, Guid DatasetId, long Seed, RunState State, JsonElement Model, JsonElement Training, JsonElement Ordering,
    string? OrderSha256, int? OrderLength, string? DatasetSha256, string? TokenizerSha256, JsonElement? Versions, long StepsDone,
    double? TokensPerSecond, bool EvaluateCheckpoints, Guid? ParentRunId, long? BranchFromStep, JsonElement? BranchTransform,
    Guid? ExperimentId, string? JobId, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt,
    RunSeeds Seeds)
{
    public static RunResponse From(RunRecord r) => new(
        r.Id, r.Name, r.DatasetId, r.Seed, r.State, Element(r.Model), Element(r.Training), Element(r.Ordering),
        r.OrderSha256, r.OrderLength,
        r.DatasetSha256, r.TokenizerSha256, r.Versions is null ? null : Parse(r.Versions), r.StepsDone, r.TokensPerSecond,
        r.EvaluateCheckpoints, r.ParentRunId, r.BranchFromStep, r.BranchTransform is null ? null : Parse(r.BranchTransform),
        r.ExperimentId, r.JobId, r.Error, r.CreatedAt, r.StartedAt, r.CompletedAt, RunSeeds.Of(r));

    private static JsonElement Parse(string json) => JsonSerializer.Deserialize<JsonElement>(json, JsonDefaults.Options);

    /// <summary>As the column stores it: the stored documents' settings (nulls left out), not the API's.</summary>
    private static JsonElement Element<T>(T value) => JsonSerializer.SerializeToElement(value, JsonDefaults.Options);
}

/// <summary>The samples of one optimiser step, in the order they were used (micro-batch by micro-batch).</summary>
public sealed record StepSamplesResponse(long Step, int BatchSize, int GradientAccumulationSteps, IReadOnlyList<int[]> MicroBatches, long SamplesSeenBefore);
