using System.Data.Common;
using System.Threading.Channels;

namespace MeetingsApp.EventStore;

/// <summary>An append as it waits for the writer: the rows are already serialised by the caller.</summary>
internal sealed record AppendRequest(Guid StreamId, string StreamType, int ExpectedVersion, IReadOnlyList<EventRow> Rows, Guid CommandId, string Meta);

internal sealed record EventRow(string EventType, int SchemaVersion, string Data);

/// <summary>
/// The writer of one event store (a composed app has one). Appends queue here and are written by a single connection;
/// whatever has queued while one transaction was committing is written in the next one, by the provider's
/// <see cref="IAppendBatch"/> (each append checked on its own, so a conflict in one leaves the others alone). Many
/// appends then share one disk flush (and on PostgreSQL one network round trip), and nobody's result is reported before
/// their transaction has committed. A committed batch raises <see cref="AppendSignal"/>, which wakes this process's
/// <see cref="Subscriptions.SubscriptionWorker{TContext}"/>s.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly EventStoreDatabase _database;
    private readonly TimeProvider _clock;
    private readonly AppendSignal _signal;
    private readonly WriteGate _gate;
    private readonly IAppendBatch _appends;
    private readonly Task _loop;
    private DbConnection? _connection;

    public GroupCommitWriter(EventStoreDatabase database, TimeProvider clock, AppendSignal signal, WriteGate gate)
    {
        (_database, _clock, _signal, _gate) = (database, clock, signal, gate);
        _appends = database.Provider.CreateAppendBatch();
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
        var requests = new List<AppendRequest>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                requests.Add(pending.Request);
            }
            await WriteAsync(batch, requests);
            batch.Clear();
            requests.Clear();
        }
    }

    private async Task WriteAsync(List<Pending> batch, List<AppendRequest> requests)
    {
        AppendOutcome[] outcomes;
        try
        {
            _connection ??= await _database.OpenAsync(CancellationToken.None);
            using var turn = await _gate.EnterAsync(CancellationToken.None);
            outcomes = await _appends.WriteAsync(_connection, requests, _clock.GetUtcNow().UtcDateTime);
            _signal.Committed(outcomes.Max(o => o.Result?.LastPosition ?? 0));
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

    /// <summary>What an earlier append with this command id wrote, read on the given connection.</summary>
    /// <param name="sql">The provider's <see cref="EventSql.FindCommand"/>.</param>
    internal static async Task<AppendResult?> FindCommandAsync(DbConnection connection, string sql, Guid commandId, DbTransaction? tx, CancellationToken ct)
    {
        await using var find = connection.GetCommand(sql, tx).Add("@command_id", commandId.ToString());
        return await ReadCommandAsync(find, ct);
    }

    /// <summary>Runs a bound <see cref="EventSql.FindCommand"/>.</summary>
    internal static async Task<AppendResult?> ReadCommandAsync(DbCommand find, CancellationToken ct)
    {
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
