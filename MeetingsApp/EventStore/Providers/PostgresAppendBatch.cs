using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace MeetingsApp.EventStore;

/// <summary>
/// A group-commit batch on PostgreSQL in ONE network round trip: <c>BEGIN</c>, the append lock, one statement per append
/// and <c>COMMIT</c> travel together as one <see cref="NpgsqlBatch"/>. Each append's statement checks and writes in
/// one go (<see cref="Append"/>): it writes nothing when its command id is already in the log or its stream is not at
/// the expected version, and says which, so a refused append needs no savepoint and does not abort the others.
/// <para>
/// Why the lock stays: positions come from a sequence, and transactions that took ids concurrently may commit in another
/// order, so a reader following "id &gt; checkpoint" could pass over an id that commits later. The way around it
/// without a lock (an <c>xid8</c> column, readers following only transactions older than
/// <c>pg_snapshot_xmin(pg_current_snapshot())</c>) orders the log by (transaction id, position) instead of by position:
/// every checkpoint, "wait until position p is applied" and hub message would have to carry that pair. The lock costs
/// little once it no longer spans round trips: it is taken and released (at the commit) inside this one batch, so it is
/// held for the server's own work on the batch, and within an instance there is one writer anyway. Only writers of
/// several instances take turns on it, each with its whole batch.
/// </para>
/// </summary>
internal sealed class PostgresAppendBatch(DatabaseProvider provider) : IAppendBatch
{
    /// <summary>
    /// One append, checked and written in one statement. Every part reads the same snapshot, taken after the lock was
    /// granted (each statement of a READ COMMITTED transaction sees what committed before it began, and what earlier
    /// statements of its own transaction wrote, such as the same command id twice in one batch). Returns one row: the
    /// last position written, or (when nothing was) what an earlier append of the command id wrote.
    /// </summary>
    /// <remarks>
    /// The command-id look-up has no <c>LIMIT</c> (a command id is written by one append, so it finds one stream at most):
    /// with one, the planner may read the whole log in stream order for an early stop instead of using the command-id index.
    /// </remarks>
    internal string Statement { get; } = $"""
        WITH earlier (entity_id, first_version, last_version, position) AS ({EventSql.FindCommand(provider)}),
        head (version) AS ({EventSql.StreamVersion}),
        written AS (
            INSERT INTO events (entity_id, entity_type, event_type, entity_version, schema_version, data, meta, created_at)
            SELECT @stream_id, @stream_type, e.event_type, @expected + e.n::int, e.schema_version, {provider.Json("e.data")}, {provider.Json("@meta")}, @created_at
            FROM unnest(@event_types, @schema_versions, @data) WITH ORDINALITY AS e (event_type, schema_version, data, n)
            WHERE NOT EXISTS (SELECT FROM earlier) AND (SELECT version FROM head) = @expected
            ORDER BY e.n
            RETURNING id)
        SELECT (SELECT MAX(id) FROM written), earlier.entity_id, earlier.first_version, earlier.last_version, earlier.position
        FROM (SELECT) AS one LEFT JOIN earlier ON true
        """;

    public async Task<AppendOutcome[]> WriteAsync(DbConnection connection, IReadOnlyList<AppendRequest> batch, DateTime createdAt)
    {
        await using var round = new NpgsqlBatch((NpgsqlConnection)connection);
        round.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        round.BatchCommands.Add(new NpgsqlBatchCommand(PostgresProvider.AppendLockTimeout));
        round.BatchCommands.Add(new NpgsqlBatchCommand(PostgresProvider.TakeAppendLock));
        foreach (var request in batch) round.BatchCommands.Add(Command(request, createdAt));
        round.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        try
        {
            var outcomes = new AppendOutcome[batch.Count];
            await using (var reader = await round.ExecuteReaderAsync())
            {
                // The lock's own row comes first; then one row per append.
                await reader.ReadAsync();
                for (var i = 0; i < batch.Count; i++)
                {
                    await reader.NextResultAsync();
                    await reader.ReadAsync();
                    outcomes[i] = Outcome(reader, batch[i]);
                }
                // Reading on to the end receives COMMIT's answer: only then is anything reported.
                while (await reader.NextResultAsync()) { }
            }
            return outcomes;
        }
        catch
        {
            // A failed statement aborts the transaction and PostgreSQL skips the rest of the batch, COMMIT included.
            if (connection.State == System.Data.ConnectionState.Open) await connection.ExecuteAsync("ROLLBACK", null, CancellationToken.None);
            throw;
        }
    }

    private NpgsqlBatchCommand Command(AppendRequest request, DateTime createdAt)
    {
        var command = new NpgsqlBatchCommand(Statement);
        var p = command.Parameters;
        p.AddWithValue("command_id", request.CommandId.ToString());
        p.AddWithValue("stream_id", request.StreamId);
        p.AddWithValue("stream_type", request.StreamType);
        p.AddWithValue("expected", request.ExpectedVersion);
        p.AddWithValue("meta", request.Meta);
        p.AddWithValue("created_at", NpgsqlDbType.TimestampTz, createdAt);
        p.AddWithValue("event_types", request.Rows.Select(r => r.EventType).ToArray());
        p.AddWithValue("schema_versions", request.Rows.Select(r => r.SchemaVersion).ToArray());
        p.AddWithValue("data", request.Rows.Select(r => r.Data).ToArray());
        return command;
    }

    private static AppendOutcome Outcome(DbDataReader row, AppendRequest request)
    {
        if (!row.IsDBNull(0))
            return new(new AppendResult(request.StreamId, request.ExpectedVersion + 1, request.ExpectedVersion + request.Rows.Count,
                row.GetInt64(0), WasDuplicate: false), null);
        if (!row.IsDBNull(1))
            return new(new AppendResult(row.GetGuid(1), row.GetInt32(2), row.GetInt32(3), row.GetInt64(4), WasDuplicate: true), null);
        return new(null, new WrongExpectedVersionException(request.StreamId, request.ExpectedVersion));
    }
}
