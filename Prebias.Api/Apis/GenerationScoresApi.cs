using Microsoft.EntityFrameworkCore;
using Prebias.Core.Evaluation;
using Prebias.Core.Persistence;

namespace Prebias.Api.Apis;

/// <summary>
/// <c>GET /api/runs/{id}/checkpoints/{step}/generations/scores</c>: the text metrics of each generation.
/// </summary>
public static class GenerationScoresApi
{
    public static RouteHandlerBuilder MapGenerationScoresApi(this IEndpointRouteBuilder app) =>
        app.MapGet("api/runs/{id:guid}/checkpoints/{step:long}/generations/scores", Scores).WithTags("Evaluations")
            .WithName("GetGenerationScores")
            .WithSummary("Text metrics of each generated text of a checkpoint, in the order of GET .../generations");

    public static async Task<IResult> Scores(Guid id, long step, PrebiasDbContext db, CancellationToken ct)
    {
        if (!await db.Runs.AnyAsync(r => r.Id == id, ct)) return Problems.NotFound("Run not found", $"No run '{id}'.");
        var scores = await GenerationScores.OfCheckpointAsync(db, id, step, ct);
        if (scores.Count == 0)
            return Problems.NotFound("No generations",
                $"Run {id} has no generations at step {step} (not a checkpoint, or not evaluated).");
        return TypedResults.Ok(scores);
    }
}
