using System.Data.Common;
using System.Text.Json;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore;

/// <summary>
/// The event store over the EF Core-mapped <c>events</c> table. EF Core owns the schema and its migrations;
/// the hot paths (append, read a stream, read the log) run as plain ADO.NET on the same database.
/// The unique (entity_id, entity_version) index is the arbiter of concurrency.
/// </summary>
public sealed class EfEventStore<TContext> : IEventStore, IEventLog, IAsyncDisposable where TContext : DbContext
{
    private readonly EventTypeRegistry _registry;
    private readonly EventStoreDialect _dialect;
    private readonly GroupCommitWriter _writer;

    public EfEventStore(IDbContextFactory<TContext> contexts, EventTypeRegistry registry, TimeProvider clock, AppendSignal signal, WriteGate gate)
    {
        using (var db = contexts.CreateDbContext()) _dialect = EventStoreDialect.For(db);
        _registry = registry;
        _writer = new GroupCommitWriter(_dialect, clock, signal, gate);
    }

    public Task<AppendResult> AppendAsync(Guid streamId, string streamType, int expectedVersion,
        IReadOnlyList<object> events, EventMetadata metadata, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (events.Count == 0) throw new ArgumentException("Nothing to append.", nameof(events));
        var rows = events.Select(e =>
        {
            var (name, schemaVersion, data) = _registry.Serialize(e);
            return new EventRow(name, schemaVersion, data);
        }).ToList();
        var meta = JsonSerializer.Serialize(metadata, EventTypeRegistry.Json);
        return _writer.AppendAsync(new AppendRequest(streamId, streamType, expectedVersion, rows, metadata.CommandId, meta), ct);
    }

    public async Task<AppendResult?> FindCommandAsync(Guid commandId, CancellationToken ct = default)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        return await GroupCommitWriter.FindCommandAsync(connection, _dialect, commandId);
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(Guid streamId, int? upToVersion = null,
        DateTimeOffset? upTo = null, CancellationToken ct = default) =>
        QueryAsync(
            $"entity_id = @stream_id{(upToVersion is null ? "" : " AND entity_version <= @version")}{(upTo is null ? "" : " AND created_at <= @up_to")} ORDER BY entity_version",
            command =>
            {
                GroupCommitWriter.Add(command, "@stream_id", _dialect.StreamIdValue(streamId));
                if (upToVersion is { } version) GroupCommitWriter.Add(command, "@version", version);
                if (upTo is { } instant) GroupCommitWriter.Add(command, "@up_to", instant.UtcDateTime);
            }, ct, streamId);

    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamsAsync(IReadOnlyCollection<Guid> streamIds, DateTimeOffset upTo, CancellationToken ct = default)
    {
        var events = new List<RecordedEvent>();
        foreach (var chunk in streamIds.Distinct().Chunk(500))
        {
            var names = chunk.Select((_, i) => $"@s{i}");
            events.AddRange(await QueryAsync($"entity_id IN ({string.Join(", ", names)}) AND created_at <= @up_to", command =>
            {
                for (var i = 0; i < chunk.Length; i++) GroupCommitWriter.Add(command, $"@s{i}", _dialect.StreamIdValue(chunk[i]));
                GroupCommitWriter.Add(command, "@up_to", upTo.UtcDateTime);
            }, ct));
        }
        events.Sort((a, b) => a.Position.CompareTo(b.Position));
        return events;
    }

    public async Task<IReadOnlyList<object>> ReadPayloadsAsync(Guid streamId, CancellationToken ct = default)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, event_type, schema_version, data FROM events WHERE entity_id = @stream_id ORDER BY entity_version";
        GroupCommitWriter.Add(command, "@stream_id", _dialect.StreamIdValue(streamId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var payloads = new List<object>();
        while (await reader.ReadAsync(ct))
            payloads.Add(_registry.Deserialize(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)).Payload);
        return payloads;
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken ct = default, long? beforePosition = null) =>
        QueryAsync($"id > @after{(beforePosition is null ? "" : " AND id < @before")} ORDER BY id LIMIT @max", command =>
        {
            GroupCommitWriter.Add(command, "@after", afterPosition);
            GroupCommitWriter.Add(command, "@max", maxCount);
            if (beforePosition is { } before) GroupCommitWriter.Add(command, "@before", before);
        }, ct);

    public async Task<long> ReadHeadAsync(CancellationToken ct = default)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM events";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    /// <param name="streamId">The stream every row belongs to, when known: saves parsing it from each row.</param>
    private async Task<IReadOnlyList<RecordedEvent>> QueryAsync(string condition, Action<DbCommand> bind, CancellationToken ct, Guid? streamId = null)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EventStoreDialect.Columns} FROM events WHERE {condition}";
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<RecordedEvent>();
        while (await reader.ReadAsync(ct)) events.Add(Read(reader, streamId));
        return events;
    }

    private RecordedEvent Read(DbDataReader row, Guid? streamId)
    {
        var (position, eventType, schemaVersion) = (row.GetInt64(0), row.GetString(3), row.GetInt32(5));
        var (payload, wasUpcast) = _registry.Deserialize(position, eventType, schemaVersion, row.GetString(6));
        var createdAt = DateTime.SpecifyKind(row.GetDateTime(8), DateTimeKind.Utc);
        return new RecordedEvent(position, streamId ?? row.GetGuid(1), row.GetString(2), eventType, row.GetInt32(4), schemaVersion,
            payload, new DateTimeOffset(createdAt), row.GetString(7)) { WasUpcast = wasUpcast };
    }

    public async Task<IReadOnlyList<StoredEvent>> PageAsync(EventLogFilter filter, long? beforePosition, int pageSize, CancellationToken ct = default)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var where = EventLogSql.Where(filter, command, _dialect);
        if (beforePosition is { } before)
        {
            where += " AND id < @before";
            GroupCommitWriter.Add(command, "@before", before);
        }
        GroupCommitWriter.Add(command, "@page", pageSize);
        command.CommandText = $"SELECT {EventStoreDialect.Columns} FROM events WHERE {where} ORDER BY id DESC LIMIT @page";
        return await ReadRowsAsync(command, ct);
    }

    public async Task<StoredEvent?> GetAsync(long position, CancellationToken ct = default)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EventStoreDialect.Columns} FROM events WHERE id = @id";
        GroupCommitWriter.Add(command, "@id", position);
        return (await ReadRowsAsync(command, ct)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<(DateOnly Day, string EventType, int Count)>> CountPerDayAsync(EventLogFilter filter, CancellationToken ct = default)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var where = EventLogSql.Where(filter, command, _dialect);
        command.CommandText = $"SELECT {_dialect.DayOfCreatedAt} AS day, event_type, COUNT(*) FROM events WHERE {where} GROUP BY day, event_type ORDER BY day";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new List<(DateOnly, string, int)>();
        while (await reader.ReadAsync(ct)) counts.Add((DateOnly.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1), Convert.ToInt32(reader.GetValue(2))));
        return counts;
    }

    public async IAsyncEnumerable<StoredEvent> ReadAllRowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        for (long after = 0; ;)
        {
            await using var connection = await _dialect.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {EventStoreDialect.Columns} FROM events WHERE id > @after ORDER BY id LIMIT 1000";
            GroupCommitWriter.Add(command, "@after", after);
            var rows = await ReadRowsAsync(command, ct);
            if (rows.Count == 0) yield break;
            foreach (var row in rows) yield return row;
            after = rows[^1].Id;
        }
    }

    /// <summary>
    /// Writes rows exactly as given (ids, versions, times, metadata, schema versions) into an empty log, in one
    /// transaction: if <paramref name="rows"/> fails part-way, nothing is written. The checkpoints of
    /// <paramref name="skipSubscribers"/> move past the imported events in the same transaction.
    /// </summary>
    public async Task<long> ImportAsync(IAsyncEnumerable<StoredEvent> rows, IReadOnlyCollection<string> skipSubscribers, CancellationToken ct = default)
    {
        await using var connection = await _dialect.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Appends through other instances wait until the import has committed (or failed).
        if (_dialect.BeginAppend is { } begin) await ExecuteAsync(connection, tx, begin, ct);
        await using (var check = connection.CreateCommand())
        {
            check.Transaction = tx;
            check.CommandText = "SELECT COUNT(*) FROM events";
            if (Convert.ToInt64(await check.ExecuteScalarAsync(ct)) > 0)
                throw new InvalidOperationException("The event log is not empty: events can only be imported into an empty log.");
        }
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO events ({EventStoreDialect.Columns}) VALUES (@id, @stream_id, @stream_type, @event_type, @version, @schema_version, {_dialect.Json("@data")}, {_dialect.Json("@meta")}, @created_at)";
        var parameters = new[] { "@id", "@stream_id", "@stream_type", "@event_type", "@version", "@schema_version", "@data", "@meta", "@created_at" }
            .Select(name => GroupCommitWriter.Add(insert, name, DBNull.Value)).ToArray();
        long count = 0, head = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            object[] values = [row.Id, _dialect.StreamIdValue(row.EntityId), row.EntityType, row.EventType, row.EntityVersion, row.SchemaVersion, row.Data, row.Meta, row.CreatedAt];
            for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i];
            await insert.ExecuteNonQueryAsync(ct);
            (count, head) = (count + 1, row.Id);
        }
        if (_dialect.AfterImport is { } afterImport) await ExecuteAsync(connection, tx, afterImport, ct);
        // In the same transaction, so no running subscriber can see the imported events before it is told to skip them.
        await using var skip = connection.CreateCommand();
        skip.Transaction = tx;
        skip.CommandText = """
            INSERT INTO subscription_checkpoints (name, position, updated_at) VALUES (@name, @position, @now)
            ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
            """;
        var name = GroupCommitWriter.Add(skip, "@name", "");
        GroupCommitWriter.Add(skip, "@position", head);
        GroupCommitWriter.Add(skip, "@now", DateTime.UtcNow);
        foreach (var subscriber in skipSubscribers)
        {
            name.Value = subscriber;
            await skip.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return count;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<IReadOnlyList<StoredEvent>> ReadRowsAsync(DbCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<StoredEvent>();
        while (await reader.ReadAsync(ct)) rows.Add(EventLogSql.Read(reader));
        return rows;
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
