using Microsoft.EntityFrameworkCore;
using Prebias.Core.Domain;
using Prebias.Core.Persistence;

namespace Prebias.Core.Evaluation;

/// <summary>Everything one checkpoint's evaluation stores in Postgres.</summary>
public sealed record EvaluationResults(
    EvaluationRecord Evaluation, IReadOnlyList<CheckpointMetricRecord> Metrics, IReadOnlyList<GenerationRecord> Generations,
    IReadOnlyList<BiasScoreRecord> Bias)
{
    /// <summary>Replaces the checkpoint's earlier results in one transaction (a retried job leaves no duplicates).</summary>
    public async Task ReplaceAsync(PrebiasDbContext db, CancellationToken ct)
    {
        var (run, step) = (Evaluation.RunId, Evaluation.Step);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Evaluations.Where(e => e.RunId == run && e.Step == step).ExecuteDeleteAsync(ct);
        await db.CheckpointMetrics.Where(e => e.RunId == run && e.Step == step).ExecuteDeleteAsync(ct);
        await db.Generations.Where(e => e.RunId == run && e.Step == step).ExecuteDeleteAsync(ct);
        await db.BiasScores.Where(e => e.RunId == run && e.Step == step).ExecuteDeleteAsync(ct);
        db.Evaluations.Add(Evaluation);
        db.CheckpointMetrics.AddRange(Metrics);
        db.Generations.AddRange(Generations);
        db.BiasScores.AddRange(Bias);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }
}
