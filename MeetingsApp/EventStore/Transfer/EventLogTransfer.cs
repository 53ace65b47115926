using System.Runtime.CompilerServices;
using MeetingsApp.EventStore.Subscriptions;

namespace MeetingsApp.EventStore;

/// <summary>
/// Moves the whole log between databases as an <see cref="EventLogFile"/>: export reads every row in global order, a
/// batch at a time (constant memory); import writes rows exactly as given into an empty log, all or nothing.
/// </summary>
public sealed class EventLogTransfer(EventStoreDatabase database, CheckpointStore checkpoints)
{
    private const int Batch = 1_000;

    public Task<long> ExportAsync(Stream output, CancellationToken ct = default) => EventLogFile.WriteAsync(ReadAllRowsAsync(ct), output, ct);

    /// <summary>Every row in global order, streamed in batches.</summary>
    public async IAsyncEnumerable<StoredEvent> ReadAllRowsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        for (long after = 0; ;)
        {
            IReadOnlyList<StoredEvent> rows;
            await using (var connection = await database.OpenAsync(ct))
            await using (var command = connection.GetCommand(EventSql.After(before: false)).Add("@after", after).Add("@max", Batch))
                rows = await EventSql.ReadRowsAsync(command, ct);
            if (rows.Count == 0) yield break;
            foreach (var row in rows) yield return row;
            after = rows[^1].Position;
        }
    }

    /// <summary>
    /// Reads <paramref name="file"/> and writes its rows (ids, versions, times, metadata, schema versions as they are)
    /// into an empty log in one transaction: if the file fails part-way, nothing is written. The checkpoints of
    /// <paramref name="skipSubscribers"/> (reactors: what happened elsewhere must not happen again) move past the
    /// imported events in the same transaction, so no running subscriber sees them first. Returns how many.
    /// </summary>
    public Task<long> ImportAsync(TextReader file, IReadOnlyCollection<string> skipSubscribers, CancellationToken ct = default) =>
        ImportAsync(EventLogFile.ReadAsync(file, ct), skipSubscribers, ct);

    public async Task<long> ImportAsync(IAsyncEnumerable<StoredEvent> rows, IReadOnlyCollection<string> skipSubscribers, CancellationToken ct = default)
    {
        var provider = database.Provider;
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Appends through other instances wait until the import has committed (or failed).
        await provider.BeginAppendAsync(connection, tx, ct);
        await using (var count = connection.GetCommand(EventSql.Count, tx))
            if (Convert.ToInt64(await count.ExecuteScalarAsync(ct)) > 0)
                throw new InvalidOperationException("The event log is not empty: events can only be imported into an empty log.");
        await using var insert = connection.GetCommand(EventSql.Insert(provider, position: true), tx);
        var parameters = new EventRowParameters(insert, provider, position: true);
        long imported = 0, head = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            parameters.Set(row);
            await insert.ExecuteNonQueryAsync(ct);
            (imported, head) = (imported + 1, row.Position);
        }
        await provider.AfterImportAsync(connection, tx, ct);
        await checkpoints.SkipToAsync(connection, tx, skipSubscribers, head, ct);
        await tx.CommitAsync(ct);
        return imported;
    }
}
