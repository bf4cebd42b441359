using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Prebias.Api.Contracts;
using Prebias.Core;
using Prebias.Core.Persistence;
using Prebias.Core.Runs;
using Prebias.Core.Storage;

namespace Prebias.Api.Apis;

/// <summary>Per-checkpoint views read by the dashboard: the attention weights saved with every checkpoint.</summary>
public static class CheckpointViewsApi
{
    public static RouteGroupBuilder MapCheckpointViewsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("api/runs").WithTags("Runs");
        group.MapGet("{id:guid}/checkpoints/{step:long}/attention", GetAttention).WithName("GetAttention")
            .WithSummary("Attention weights of the probe input at a checkpoint: shape (L, H, T, T), token ids and pieces, flat row-major weights");
        return group;
    }

    public static async Task<Results<Ok<AttentionResponse>, ProblemHttpResult>> GetAttention(
        Guid id, long step, PrebiasDbContext db, IArtifactStore store, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return Problems.NotFound("Run not found", $"No run '{id}'.");
        if (!await db.Checkpoints.AnyAsync(c => c.RunId == id && c.Step == step, ct))
            return Problems.NotFound("Checkpoint not found", $"Run {id} has no checkpoint at step {step}.");
        var directory = store.GetPath(run.CheckpointKey(step));
        var indexPath = Path.Combine(directory, AttentionProbe.IndexFile);
        var weightsPath = Path.Combine(directory, AttentionProbe.WeightsFile);
        if (!File.Exists(indexPath) || !File.Exists(weightsPath))
            return Problems.Conflict("No attention saved", $"Checkpoint {step} of run {id} has no {AttentionProbe.WeightsFile}.");

        await using var indexStream = File.OpenRead(indexPath);
        var index = await JsonSerializer.DeserializeAsync<AttentionIndex>(indexStream, JsonDefaults.Options, ct)
            ?? throw new InvalidDataException($"{indexPath} is empty.");
        var bytes = await File.ReadAllBytesAsync(weightsPath, ct);
        var weights = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, weights, 0, weights.Length * sizeof(float));
        if (weights.LongLength != index.Shape.Aggregate(1L, (a, b) => a * b))
            throw new InvalidDataException($"{weightsPath} holds {weights.Length} floats, not shape [{string.Join(", ", index.Shape)}].");
        return TypedResults.Ok(new AttentionResponse(index.Shape, index.Tokens, index.Pieces, weights));
    }

    /// <summary>The <c>attention.json</c> written by <see cref="AttentionProbe.Save"/>.</summary>
    private sealed record AttentionIndex(long[] Shape, int[] Tokens, string[] Pieces);
}
