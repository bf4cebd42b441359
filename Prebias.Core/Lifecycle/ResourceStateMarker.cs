using Npgsql;
using Prebias.Core.Domain;

namespace Prebias.Core.Lifecycle;

/// <summary>
/// The one writer of a resource's final state when its job could not write it: a job that failed after its retries
/// or was deleted (the job state filter), a row no live job owns (the reconciler), a user's DELETE. Marks only a row
/// that is still Pending or Running, so a resource that finished is never overwritten. Plain SQL: it runs inside
/// Hangfire's state changes, where a DbContext would be too heavy.
/// </summary>
public sealed class ResourceStateMarker(NpgsqlDataSource dataSource)
{
    /// <summary>Marks the resource <paramref name="state"/> (Failed or Cancelled); true when a row changed.</summary>
    public async Task<bool> MarkAsync(string kind, Guid id, string state, string? error, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            UPDATE {ResourceKind.TableOf(kind)}
            SET state = @state, error = COALESCE(@error, error), completed_at = now()
            WHERE id = @id AND state IN ('{RunState.Pending}', '{RunState.Running}')
            """);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("state", state);
        cmd.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }
}
