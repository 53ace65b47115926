using System.Data.Common;
using System.Threading.Channels;

namespace MeetingsApp.EventStore;

/// <summary>An append as it waits for the writer: the rows are already serialised by the caller.</summary>
internal sealed record AppendRequest(Guid StreamId, string StreamType, int ExpectedVersion, IReadOnlyList<EventRow> Rows, Guid CommandId, string Meta);

internal sealed record EventRow(string EventType, int SchemaVersion, string Data);

/// <summary>
/// The writer of one event store (a composed app has one). Appends queue here and are written by a single connection;
/// whatever has queued while one transaction was committing is written in the next one, each append inside its
/// own savepoint, so a conflict in one leaves the others alone. Many appends then share one disk flush,
/// and nobody's result is reported before their transaction has committed. A committed batch raises
/// <see cref="AppendSignal"/>, which wakes this process's <see cref="Subscriptions.SubscriptionWorker{TContext}"/>s.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly EventStoreDatabase _database;
    private readonly TimeProvider _clock;
    private readonly AppendSignal _signal;
    private readonly WriteGate _gate;
    private readonly Task _loop;
    private readonly string _findCommand, _insert;
    private DbConnection? _connection;

    public GroupCommitWriter(EventStoreDatabase database, TimeProvider clock, AppendSignal signal, WriteGate gate)
    {
        (_database, _clock, _signal, _gate) = (database, clock, signal, gate);
        (_findCommand, _insert) = (EventSql.FindCommand(database.Provider), EventSql.InsertReturningPosition(database.Provider));
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
            _connection ??= await _database.OpenAsync(CancellationToken.None);
            using var turn = await _gate.EnterAsync(CancellationToken.None);
            await using var tx = await _connection.BeginTransactionAsync();
            await _database.Provider.BeginAppendAsync(_connection, tx, CancellationToken.None);
            var createdAt = _clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < batch.Count; i++)
            {
                await tx.SaveAsync("append");
                try
                {
                    outcomes[i] = (await AppendOneAsync(tx, batch[i].Request, createdAt), null);
                    await tx.ReleaseAsync("append");
                }
                catch (Exception ex) when (ex is WrongExpectedVersionException || _database.Provider.IsUniqueViolation(ex))
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
        var (connection, provider) = (_connection!, _database.Provider);
        if (await FindCommandAsync(connection, _findCommand, request.CommandId, tx, CancellationToken.None) is { } earlier) return earlier;

        await using (var version = connection.GetCommand(EventSql.StreamVersion, tx).Add("@stream_id", provider.StreamIdValue(request.StreamId)))
        {
            var current = Convert.ToInt32(await version.ExecuteScalarAsync());
            if (current != request.ExpectedVersion) throw new WrongExpectedVersionException(request.StreamId, request.ExpectedVersion);
        }

        await using var insert = connection.GetCommand(_insert, tx);
        var parameters = new EventRowParameters(insert, provider);
        long position = 0;
        for (var i = 0; i < request.Rows.Count; i++)
        {
            parameters.Set(new StoredEvent
            {
                StreamId = request.StreamId, StreamType = request.StreamType, EventType = request.Rows[i].EventType,
                Version = request.ExpectedVersion + i + 1, SchemaVersion = request.Rows[i].SchemaVersion,
                Data = request.Rows[i].Data, Meta = request.Meta, CreatedAt = createdAt,
            });
            position = Convert.ToInt64(await insert.ExecuteScalarAsync());
        }
        return new AppendResult(request.StreamId, request.ExpectedVersion + 1, request.ExpectedVersion + request.Rows.Count, position, WasDuplicate: false);
    }

    /// <summary>What an earlier append with this command id wrote, read on the given connection.</summary>
    /// <param name="sql">The provider's <see cref="EventSql.FindCommand"/>.</param>
    internal static async Task<AppendResult?> FindCommandAsync(DbConnection connection, string sql, Guid commandId, DbTransaction? tx, CancellationToken ct)
    {
        await using var find = connection.GetCommand(sql, tx).Add("@command_id", commandId.ToString());
        await using var reader = await find.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new AppendResult(reader.GetGuid(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt64(3), WasDuplicate: true);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        if (_connection is not null) await _connection.DisposeAsync();
    }

    private sealed record Pending(AppendRequest Request, TaskCompletionSource<AppendResult> Result);
}
