using System.Data.Common;
using System.Threading.Channels;
using MeetingsApp.EventStore.Subscriptions;

namespace MeetingsApp.EventStore;

/// <summary>An append as it waits for the writer: the rows are already serialised by the caller.</summary>
internal sealed record AppendRequest(Guid StreamId, string StreamType, int ExpectedVersion, IReadOnlyList<EventRow> Rows, Guid CommandId, string Meta);

internal sealed record EventRow(string EventType, int SchemaVersion, string Data);

/// <summary>
/// The writer of one event store (the app has one). Appends queue here and are written by a single connection; whatever
/// has queued while one transaction was committing is written in the next one, each append inside its
/// own savepoint, so a conflict in one leaves the others alone. Many appends then share one disk flush,
/// and nobody's result is reported before their transaction has committed.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly EventStoreDialect _dialect;
    private readonly TimeProvider _clock;
    private readonly AppendSignal _signal;
    private readonly WriteGate _gate;
    private readonly Task _loop;
    private DbConnection? _connection;

    public GroupCommitWriter(EventStoreDialect dialect, TimeProvider clock, AppendSignal signal, WriteGate gate)
    {
        (_dialect, _clock, _signal, _gate) = (dialect, clock, signal, gate);
        _loop = Task.Run(RunAsync);
    }

    /// <remarks>Cancelling stops the wait, not the append: an append already queued may still be written.</remarks>
    public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken ct)
    {
        var pending = new Pending(request, new TaskCompletionSource<AppendResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(GroupCommitWriter));
        return pending.Result.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        var outcomes = new (AppendResult? Result, Exception? Error)[batch.Count];
        try
        {
            _connection ??= await _dialect.OpenAsync(CancellationToken.None);
            using var turn = await _gate.EnterAsync(CancellationToken.None);
            await using var tx = await _connection.BeginTransactionAsync();
            if (_dialect.BeginAppend is { } begin)
                await using (var command = Command(tx, begin)) await command.ExecuteNonQueryAsync();
            var createdAt = _clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < batch.Count; i++)
            {
                await tx.SaveAsync("append");
                try
                {
                    outcomes[i] = (await AppendOneAsync(tx, batch[i].Request, createdAt), null);
                    await tx.ReleaseAsync("append");
                }
                catch (Exception ex) when (ex is WrongExpectedVersionException || _dialect.IsUniqueViolation(ex))
                {
                    await tx.RollbackAsync("append");
                    outcomes[i] = (null, ex as WrongExpectedVersionException
                        ?? new WrongExpectedVersionException(batch[i].Request.StreamId, batch[i].Request.ExpectedVersion, ex));
                }
            }
            await tx.CommitAsync();
            _signal.Notify();
        }
        catch (Exception ex)
        {
            // Nothing of this batch is committed: everyone in it learns why, and the next batch starts afresh.
            foreach (var pending in batch) pending.Result.TrySetException(ex);
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Error is { } error) batch[i].Result.TrySetException(error);
            else batch[i].Result.TrySetResult(outcomes[i].Result!);
        }
    }

    private async Task<AppendResult> AppendOneAsync(DbTransaction tx, AppendRequest request, DateTime createdAt)
    {
        var streamId = _dialect.StreamIdValue(request.StreamId);
        if (await FindCommandAsync(_connection!, _dialect, request.CommandId, tx) is { } earlier) return earlier;

        await using (var version = Command(tx, "SELECT COALESCE(MAX(entity_version), 0) FROM events WHERE entity_id = @stream_id"))
        {
            Add(version, "@stream_id", streamId);
            var current = Convert.ToInt32(await version.ExecuteScalarAsync());
            if (current != request.ExpectedVersion) throw new WrongExpectedVersionException(request.StreamId, request.ExpectedVersion);
        }

        await using var insert = Command(tx, $"""
            INSERT INTO events (entity_id, entity_type, event_type, entity_version, schema_version, data, meta, created_at)
            VALUES (@stream_id, @stream_type, @event_type, @version, @schema_version, {_dialect.Json("@data")}, {_dialect.Json("@meta")}, @created_at)
            RETURNING id
            """);
        Add(insert, "@stream_id", streamId);
        Add(insert, "@stream_type", request.StreamType);
        Add(insert, "@meta", request.Meta);
        Add(insert, "@created_at", createdAt);
        var (eventType, schemaVersion, data, versionParameter) =
            (Add(insert, "@event_type", ""), Add(insert, "@schema_version", 0), Add(insert, "@data", ""), Add(insert, "@version", 0));
        long position = 0;
        for (var i = 0; i < request.Rows.Count; i++)
        {
            (eventType.Value, schemaVersion.Value, data.Value) = (request.Rows[i].EventType, request.Rows[i].SchemaVersion, request.Rows[i].Data);
            versionParameter.Value = request.ExpectedVersion + i + 1;
            position = Convert.ToInt64(await insert.ExecuteScalarAsync());
        }
        return new AppendResult(request.StreamId, request.ExpectedVersion + 1, request.ExpectedVersion + request.Rows.Count, position, WasDuplicate: false);
    }

    /// <summary>What an earlier append with this command id wrote, read on the given connection.</summary>
    internal static async Task<AppendResult?> FindCommandAsync(DbConnection connection, EventStoreDialect dialect, Guid commandId, DbTransaction? tx = null)
    {
        await using var find = connection.CreateCommand();
        find.Transaction = tx;
        find.CommandText = $"SELECT entity_id, MIN(entity_version), MAX(entity_version), MAX(id) FROM events WHERE {dialect.CommandIdFilter} GROUP BY entity_id";
        Add(find, "@command_id", commandId.ToString());
        await using var reader = await find.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        return new AppendResult(reader.GetGuid(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt64(3), WasDuplicate: true);
    }

    private DbCommand Command(DbTransaction tx, string sql)
    {
        var command = _connection!.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }

    internal static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        if (_connection is not null) await _connection.DisposeAsync();
    }

    private sealed record Pending(AppendRequest Request, TaskCompletionSource<AppendResult> Result);
}
