using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore;

/// <summary>The event store on EF Core: the unique (entity_id, entity_version) index is the arbiter of concurrency.</summary>
public sealed class EfEventStore<TContext>(IDbContextFactory<TContext> contexts, EventTypeRegistry registry, TimeProvider clock)
    : IEventStore where TContext : DbContext
{
    public async Task<AppendResult> AppendAsync(Guid streamId, string streamType, int expectedVersion,
        IReadOnlyList<object> events, EventMetadata metadata, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (events.Count == 0) throw new ArgumentException("Nothing to append.", nameof(events));

        await using var db = await contexts.CreateDbContextAsync(ct);
        // On SQLite this is BEGIN IMMEDIATE: writers queue here, so the checks below see the latest commit.
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        if (await FindCommandAsync(db, metadata.CommandId, ct) is { } earlier) return earlier;

        var current = await db.Set<StoredEvent>().Where(e => e.EntityId == streamId)
            .MaxAsync(e => (int?)e.EntityVersion, ct) ?? 0;
        if (current != expectedVersion) throw new WrongExpectedVersionException(streamId, expectedVersion);

        var meta = JsonSerializer.Serialize(metadata, EventTypeRegistry.Json);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = events.Select((payload, i) =>
        {
            var (name, schemaVersion, data) = registry.Serialize(payload);
            return new StoredEvent
            {
                EntityId = streamId, EntityType = streamType, EventType = name, EntityVersion = expectedVersion + i + 1,
                SchemaVersion = schemaVersion, Data = data, Meta = meta, CreatedAt = now,
            };
        }).ToList();
        db.Set<StoredEvent>().AddRange(rows);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // Another instance appended the same version between our check and our insert.
            throw new WrongExpectedVersionException(streamId, expectedVersion, ex);
        }
        return new AppendResult(streamId, rows[0].EntityVersion, rows[^1].EntityVersion, rows[^1].Id, WasDuplicate: false);
    }

    public async Task<AppendResult?> FindCommandAsync(Guid commandId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await FindCommandAsync(db, commandId, ct);
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(Guid streamId, int? upToVersion = null,
        DateTimeOffset? upTo = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Set<StoredEvent>().AsNoTracking().Where(e => e.EntityId == streamId);
        if (upToVersion is { } version) query = query.Where(e => e.EntityVersion <= version);
        if (upTo is { } instant)
        {
            var utc = instant.UtcDateTime;
            query = query.Where(e => e.CreatedAt <= utc);
        }
        var rows = await query.OrderBy(e => e.EntityVersion).ToListAsync(ct);
        return rows.ConvertAll(Read);
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Set<StoredEvent>().AsNoTracking()
            .Where(e => e.Id > afterPosition).OrderBy(e => e.Id).Take(maxCount).ToListAsync(ct);
        return rows.ConvertAll(Read);
    }

    private RecordedEvent Read(StoredEvent row)
    {
        var (payload, wasUpcast) = registry.Deserialize(row.Id, row.EventType, row.SchemaVersion, row.Data);
        EventMetadata metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<EventMetadata>(row.Meta, EventTypeRegistry.Json)
                ?? throw new JsonException("null metadata");
        }
        catch (JsonException ex)
        {
            throw new UnreadableEventException(row.Id, row.EventType, "unreadable metadata", ex);
        }
        return new RecordedEvent(row.Id, row.EntityId, row.EntityType, row.EventType, row.EntityVersion,
            row.SchemaVersion, payload, metadata, new DateTimeOffset(row.CreatedAt, TimeSpan.Zero)) { WasUpcast = wasUpcast };
    }

    private static async Task<AppendResult?> FindCommandAsync(TContext db, Guid commandId, CancellationToken ct)
    {
        // The command id lives in the meta JSON; an expression index (see the migration) makes this a seek.
        var id = commandId.ToString();
        var rows = await db.Database
            .SqlQuery<CommandRow>($"SELECT id AS Position, entity_id AS StreamId, entity_version AS Version FROM events WHERE json_extract(meta, '$.commandId') = {id}")
            .ToListAsync(ct);
        if (rows.Count == 0) return null;
        return new AppendResult(rows[0].StreamId, rows.Min(r => r.Version), rows.Max(r => r.Version),
            rows.Max(r => r.Position), WasDuplicate: true);
    }

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };

    private sealed record CommandRow(long Position, Guid StreamId, int Version);
}
