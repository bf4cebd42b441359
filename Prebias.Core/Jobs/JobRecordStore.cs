using Npgsql;

namespace Prebias.Core.Jobs;

/// <summary>
/// Upserts into the <c>jobs</c> table with plain SQL: called from Hangfire filters and from hot progress loops,
/// where a DbContext would be too heavy. Each method touches only the columns it owns, so the writers (API,
/// state filter, progress) never overwrite each other's fields.
/// </summary>
public sealed class JobRecordStore(NpgsqlDataSource dataSource)
{
    public async Task UpsertStateAsync(string id, string type, string state, string? error, DateTimeOffset at, ResourceRef? resource = null)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO jobs (id, type, state, progress, created_at, started_at, finished_at, error, resource_kind, resource_id)
            VALUES (@id, @type, @state, 0, @at,
                    CASE WHEN @state = 'Processing' THEN @at END,
                    CASE WHEN @state IN ('Succeeded', 'Failed', 'Deleted') THEN @at END, @error, @kind, @resourceId)
            ON CONFLICT (id) DO UPDATE SET
                state = EXCLUDED.state,
                resource_kind = COALESCE(jobs.resource_kind, EXCLUDED.resource_kind),
                resource_id = COALESCE(jobs.resource_id, EXCLUDED.resource_id),
                started_at = CASE WHEN EXCLUDED.state = 'Processing' THEN @at ELSE jobs.started_at END,
                finished_at = CASE WHEN EXCLUDED.state IN ('Succeeded', 'Failed', 'Deleted') THEN @at ELSE NULL END,
                error = CASE WHEN EXCLUDED.state = 'Failed' THEN @error
                             WHEN EXCLUDED.state IN ('Processing', 'Enqueued') THEN NULL ELSE jobs.error END,
                progress = CASE WHEN EXCLUDED.state = 'Succeeded' THEN 1 ELSE jobs.progress END
            """);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("type", type);
        cmd.Parameters.AddWithValue("state", state);
        cmd.Parameters.AddWithValue("at", at);
        cmd.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        cmd.Parameters.AddWithValue("kind", (object?)resource?.Kind ?? DBNull.Value);
        cmd.Parameters.AddWithValue("resourceId", NpgsqlTypes.NpgsqlDbType.Uuid, (object?)resource?.Id ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task SetResourceAsync(string id, string type, string resource, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO jobs (id, type, state, progress, created_at, resource)
            VALUES (@id, @type, 'Enqueued', 0, now(), @resource)
            ON CONFLICT (id) DO UPDATE SET resource = EXCLUDED.resource
            """);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("type", type);
        cmd.Parameters.AddWithValue("resource", resource);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<string?> GetStateAsync(string id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT state FROM jobs WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public async Task SetProgressAsync(string id, double progress, string? message, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE jobs SET progress = @progress, message = @message WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("progress", progress);
        cmd.Parameters.AddWithValue("message", (object?)message ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
