using System.Collections.Concurrent;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace MeetingsApp.EventStore;

/// <summary>
/// A group-commit batch on PostgreSQL in ONE network round trip: <c>BEGIN</c>, the append lock, one statement per append
/// and <c>COMMIT</c> travel together as one <see cref="NpgsqlBatch"/>. Each append's statement checks and writes in
/// one go (<see cref="Statement"/>): it writes nothing when its command id is already in the log or its stream is not at
/// the expected version, so a refused append needs no savepoint and does not abort the others. Which of the two it was
/// is asked after the commit, and only for a refused append (<see cref="RefusedAsync"/>): a retry or a conflict is rare,
/// and reading the earlier append's details in every append's statement made each of them dearer.
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
    private readonly ConcurrentDictionary<int, string> _statements = new();

    /// <summary>
    /// One append of <paramref name="events"/> events, checked and written in one statement (one text per number of
    /// events, each prepared once). Both checks read the same snapshot, taken after the lock was granted (each statement of
    /// a READ COMMITTED transaction sees what committed before it began, and what earlier statements of its own
    /// transaction wrote, such as the same command id twice in one batch). Returns the positions written, in order, or
    /// no row when it wrote nothing.
    /// </summary>
    /// <remarks>
    /// The values are rows of parameters rather than arrays to <c>unnest</c>: with arrays, a CTE for the earlier append's
    /// details and the aggregate over what was written, one append cost the server and the driver about 0.1 ms more.
    /// </remarks>
    internal string Statement(int events) => _statements.GetOrAdd(events, n => $"""
        INSERT INTO events (entity_id, entity_type, event_type, entity_version, schema_version, data, meta, created_at)
        SELECT @stream_id, @stream_type, e.event_type, @expected + e.n, e.schema_version, {provider.Json("e.data")}, {provider.Json("@meta")}, @created_at
        FROM (VALUES {string.Join(", ", Enumerable.Range(1, n).Select(i => $"(@event_type_{i}, @schema_version_{i}, @data_{i}, {i})"))})
            AS e (event_type, schema_version, data, n)
        WHERE NOT EXISTS (SELECT FROM events WHERE {provider.MetaField("commandId")} = @command_id)
          AND ({EventSql.StreamVersion}) = @expected
        ORDER BY e.n
        RETURNING id
        """);

    public async Task<AppendOutcome[]> WriteAsync(DbConnection connection, IReadOnlyList<AppendRequest> batch, DateTime createdAt)
    {
        await using var round = new NpgsqlBatch((NpgsqlConnection)connection);
        round.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        round.BatchCommands.Add(new NpgsqlBatchCommand(PostgresProvider.AppendLockTimeout));
        round.BatchCommands.Add(new NpgsqlBatchCommand(PostgresProvider.TakeAppendLock));
        foreach (var request in batch) round.BatchCommands.Add(Command(request, createdAt));
        round.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        var last = new long?[batch.Count];
        try
        {
            await using var reader = await round.ExecuteReaderAsync();
            // The lock's own row comes first; then each append's positions.
            await reader.ReadAsync();
            for (var i = 0; i < batch.Count; i++)
            {
                await reader.NextResultAsync();
                while (await reader.ReadAsync()) last[i] = reader.GetInt64(0);
            }
            // Reading on to the end receives COMMIT's answer: only then is anything reported.
            while (await reader.NextResultAsync()) { }
        }
        catch
        {
            // A failed statement aborts the transaction and PostgreSQL skips the rest of the batch, COMMIT included.
            if (connection.State == System.Data.ConnectionState.Open) await connection.ExecuteAsync("ROLLBACK", null, CancellationToken.None);
            throw;
        }
        var outcomes = new AppendOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
            outcomes[i] = last[i] is { } position
                ? new(new AppendResult(request.StreamId, request.ExpectedVersion + 1, request.ExpectedVersion + request.Rows.Count, position, WasDuplicate: false), null)
                : await RefusedAsync(connection, request);
        }
        return outcomes;
    }

    /// <summary>
    /// An append that wrote nothing: a repeat of a command already in the log (found now, after the commit: an append is
    /// never undone, and one earlier in the same batch has committed with it), or else its stream had moved on. If the
    /// question cannot be asked, that append alone fails: the others have committed and are reported so.
    /// </summary>
    private async Task<AppendOutcome> RefusedAsync(DbConnection connection, AppendRequest request)
    {
        try
        {
            return await GroupCommitWriter.FindCommandAsync(connection, EventSql.FindCommand(provider), request.CommandId, null, CancellationToken.None) is { } earlier
                ? new(earlier, null)
                : new(null, new WrongExpectedVersionException(request.StreamId, request.ExpectedVersion));
        }
        catch (DbException ex)
        {
            return new(null, ex);
        }
    }

    private NpgsqlBatchCommand Command(AppendRequest request, DateTime createdAt)
    {
        var command = new NpgsqlBatchCommand(Statement(request.Rows.Count));
        var p = command.Parameters;
        p.AddWithValue("command_id", request.CommandId.ToString());
        p.AddWithValue("stream_id", request.StreamId);
        p.AddWithValue("stream_type", request.StreamType);
        p.AddWithValue("expected", request.ExpectedVersion);
        p.AddWithValue("meta", request.Meta);
        p.AddWithValue("created_at", NpgsqlDbType.TimestampTz, createdAt);
        for (var i = 0; i < request.Rows.Count; i++)
        {
            var row = request.Rows[i];
            p.AddWithValue($"event_type_{i + 1}", row.EventType);
            p.AddWithValue($"schema_version_{i + 1}", row.SchemaVersion);
            p.AddWithValue($"data_{i + 1}", row.Data);
        }
        return command;
    }
}
