using Npgsql;
using NpgsqlTypes;
using Prebias.Core.Domain;

namespace Prebias.Core.Runs;

/// <summary>
/// Writes a run's progress rows with plain SQL from inside the training loop (no change tracker in the hot path):
/// losses in batches, checkpoint rows as upserts, and the cleanup a resumed job needs.
/// </summary>
public sealed class RunStore(NpgsqlDataSource dataSource)
{
    public void AppendLosses(Guid runId, IReadOnlyList<LossRecord> losses)
    {
        if (losses.Count == 0) return;
        using var connection = dataSource.OpenConnection();
        using var importer = connection.BeginBinaryImport("COPY losses (run_id, step, loss, learning_rate, grad_norm) FROM STDIN (FORMAT BINARY)");
        foreach (var l in losses)
        {
            importer.StartRow();
            importer.Write(runId, NpgsqlDbType.Uuid);
            importer.Write(l.Step, NpgsqlDbType.Bigint);
            importer.Write(l.Loss, NpgsqlDbType.Double);
            importer.Write(l.LearningRate, NpgsqlDbType.Double);
            importer.Write(l.GradNorm, NpgsqlDbType.Double);
        }
        importer.Complete();
    }

    public void UpsertCheckpoint(CheckpointRecord c)
    {
        using var cmd = dataSource.CreateCommand("""
            INSERT INTO checkpoints (run_id, step, tokens_seen, samples_seen, train_loss, val_loss, learning_rate, tokens_per_second, wall_seconds, weights_sha256, created_at)
            VALUES (@run, @step, @tokens, @samples, @train, @val, @lr, @tps, @wall, @sha, now())
            ON CONFLICT (run_id, step) DO UPDATE SET tokens_seen = EXCLUDED.tokens_seen, samples_seen = EXCLUDED.samples_seen,
                train_loss = EXCLUDED.train_loss, val_loss = EXCLUDED.val_loss, learning_rate = EXCLUDED.learning_rate,
                tokens_per_second = COALESCE(EXCLUDED.tokens_per_second, checkpoints.tokens_per_second),
                wall_seconds = EXCLUDED.wall_seconds, weights_sha256 = EXCLUDED.weights_sha256, created_at = now()
            """);
        cmd.Parameters.AddWithValue("run", c.RunId);
        cmd.Parameters.AddWithValue("step", c.Step);
        cmd.Parameters.AddWithValue("tokens", c.TokensSeen);
        cmd.Parameters.AddWithValue("samples", c.SamplesSeen);
        cmd.Parameters.AddWithValue("train", (object?)c.TrainLoss ?? DBNull.Value);
        cmd.Parameters.AddWithValue("val", (object?)c.ValLoss ?? DBNull.Value);
        cmd.Parameters.AddWithValue("lr", c.LearningRate);
        cmd.Parameters.AddWithValue("tps", (object?)c.TokensPerSecond ?? DBNull.Value);
        cmd.Parameters.AddWithValue("wall", c.WallSeconds);
        cmd.Parameters.AddWithValue("sha", c.WeightsSha256);
        cmd.ExecuteNonQuery();
    }

    /// <summary>A resumed job restarts after <paramref name="step"/>: rows written past it by the lost attempt go.</summary>
    public void ForgetAfter(Guid runId, long step)
    {
        using var cmd = dataSource.CreateCommand("DELETE FROM losses WHERE run_id = @r AND step >= @s; DELETE FROM checkpoints WHERE run_id = @r AND step > @s");
        cmd.Parameters.AddWithValue("r", runId);
        cmd.Parameters.AddWithValue("s", step);
        cmd.ExecuteNonQuery();
    }

    /// <summary>The hash and length of a run's order as it grows (a dynamic order is decided during training).</summary>
    public void SetOrder(Guid runId, string sha256, int length)
    {
        using var cmd = dataSource.CreateCommand("UPDATE runs SET order_sha256 = @h, order_length = @n WHERE id = @r");
        cmd.Parameters.AddWithValue("r", runId);
        cmd.Parameters.AddWithValue("h", sha256);
        cmd.Parameters.AddWithValue("n", length);
        cmd.ExecuteNonQuery();
    }

    public void SetStepsDone(Guid runId, long steps, double? tokensPerSecond)
    {
        using var cmd = dataSource.CreateCommand("UPDATE runs SET steps_done = @s, tokens_per_second = COALESCE(@t, tokens_per_second) WHERE id = @r");
        cmd.Parameters.AddWithValue("r", runId);
        cmd.Parameters.AddWithValue("s", steps);
        cmd.Parameters.AddWithValue("t", (object?)tokensPerSecond ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }
}
