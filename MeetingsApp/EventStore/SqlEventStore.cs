using System.Data.Common;
using System.Text.Json;

namespace MeetingsApp.EventStore;

/// <summary>
/// The event store over the <c>events</c> table. EF Core owns the schema and its migrations; the hot paths (append,
/// read a stream, read the log) run as plain ADO.NET on the same database, with <see cref="EventSql"/>'s statements
/// and the provider's differences. The unique (entity_id, entity_version) index is the arbiter of concurrency.
/// Appends are written by a <see cref="GroupCommitWriter"/>, which wakes this process's subscribers through
/// <see cref="AppendSignal"/> once they commit.
/// </summary>
public sealed class SqlEventStore : IEventStore, IAsyncDisposable
{
    private readonly EventStoreDatabase _database;
    private readonly EventTypeRegistry _registry;
    private readonly GroupCommitWriter _writer;

    public SqlEventStore(EventStoreDatabase database, EventTypeRegistry registry, TimeProvider clock, AppendSignal signal, WriteGate gate)
    {
        (_database, _registry) = (database, registry);
        _writer = new GroupCommitWriter(database, clock, signal, gate);
    }

    private DatabaseProvider Provider => _database.Provider;

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
        await using var connection = await _database.OpenAsync(ct);
        return await GroupCommitWriter.FindCommandAsync(connection, EventSql.FindCommand(Provider), commandId, tx: null, ct);
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(Guid streamId, int? upToVersion = null,
        DateTimeOffset? upTo = null, CancellationToken ct = default) =>
        QueryAsync(
            $"entity_id = @stream_id{(upToVersion is null ? "" : " AND entity_version <= @version")}{(upTo is null ? "" : " AND created_at <= @up_to")} ORDER BY entity_version",
            command =>
            {
                command.Add("@stream_id", Provider.StreamIdValue(streamId));
                if (upToVersion is { } version) command.Add("@version", version);
                if (upTo is { } instant) command.Add("@up_to", instant.UtcDateTime);
            }, streamId, ct);

    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamsAsync(IReadOnlyCollection<Guid> streamIds, DateTimeOffset upTo, CancellationToken ct = default)
    {
        var events = new List<RecordedEvent>();
        foreach (var chunk in streamIds.Distinct().Chunk(500))
        {
            var names = chunk.Select((_, i) => $"@s{i}");
            events.AddRange(await QueryAsync($"entity_id IN ({string.Join(", ", names)}) AND created_at <= @up_to", command =>
            {
                for (var i = 0; i < chunk.Length; i++) command.Add($"@s{i}", Provider.StreamIdValue(chunk[i]));
                command.Add("@up_to", upTo.UtcDateTime);
            }, null, ct));
        }
        events.Sort((a, b) => a.Position.CompareTo(b.Position));
        return events;
    }

    public async Task<IReadOnlyList<object>> ReadPayloadsAsync(Guid streamId, CancellationToken ct = default)
    {
        await using var connection = await _database.OpenAsync(ct);
        await using var command = connection.GetCommand(EventSql.Payloads).Add("@stream_id", Provider.StreamIdValue(streamId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var payloads = new List<object>();
        while (await reader.ReadAsync(ct))
            payloads.Add(_registry.Deserialize(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)).Payload);
        return payloads;
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, long? beforePosition = null, CancellationToken ct = default)
    {
        await using var connection = await _database.OpenAsync(ct);
        await using var command = connection.GetCommand(EventSql.After(before: beforePosition is not null))
            .Add("@after", afterPosition).Add("@max", maxCount);
        if (beforePosition is { } before) command.Add("@before", before);
        return await ReadAsync(command, null, ct);
    }

    public async Task<IReadOnlyList<LogRow>> ReadRowsAsync(long afterPosition, int maxCount, long? beforePosition = null, Guid? streamId = null,
        CancellationToken ct = default)
    {
        await using var connection = await _database.OpenAsync(ct);
        await using var command = connection.GetCommand(EventSql.After(before: beforePosition is not null, stream: streamId is not null))
            .Add("@after", afterPosition).Add("@max", maxCount);
        if (beforePosition is { } before) command.Add("@before", before);
        if (streamId is { } stream) command.Add("@stream_id", Provider.StreamIdValue(stream));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<LogRow>();
        while (await reader.ReadAsync(ct))
        {
            try
            {
                rows.Add(LogRow.Of(Read(reader, streamId)));
            }
            catch (UnreadableEventException ex)
            {
                rows.Add(new LogRow(reader.GetInt64(0), streamId ?? reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                    reader.GetInt32(4), reader.GetInt32(5), null, ex.Message, ex.UnknownHere));
            }
        }
        return rows;
    }

    public async Task<long> ReadHeadAsync(CancellationToken ct = default)
    {
        await using var connection = await _database.OpenAsync(ct);
        await using var command = connection.GetCommand(EventSql.Head);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    /// <param name="streamId">The stream every row belongs to, when known: saves parsing it from each row.</param>
    private async Task<IReadOnlyList<RecordedEvent>> QueryAsync(string condition, Action<DbCommand> bind, Guid? streamId, CancellationToken ct)
    {
        await using var connection = await _database.OpenAsync(ct);
        await using var command = connection.GetCommand($"{EventSql.SelectRows} WHERE {condition}");
        bind(command);
        return await ReadAsync(command, streamId, ct);
    }

    private async Task<IReadOnlyList<RecordedEvent>> ReadAsync(DbCommand command, Guid? streamId, CancellationToken ct)
    {
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

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
