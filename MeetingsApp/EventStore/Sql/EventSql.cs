using System.Data.Common;

namespace MeetingsApp.EventStore;

/// <summary>
/// The store's SQL on the <c>events</c> table, each statement written once and named (Eventuous keeps its SQL in one
/// <c>Schema</c> class the same way). What differs between providers comes from <see cref="DatabaseProvider"/>.
/// </summary>
public static class EventSql
{
    /// <summary>Every column, in the order <see cref="ReadRow"/> reads them.</summary>
    public const string Columns = "id, entity_id, entity_type, event_type, entity_version, schema_version, data, meta, created_at";

    public const string SelectRows = $"SELECT {Columns} FROM events";

    public const string Head = "SELECT COALESCE(MAX(id), 0) FROM events";

    public const string Count = "SELECT COUNT(*) FROM events";

    public const string StreamVersion = "SELECT COALESCE(MAX(entity_version), 0) FROM events WHERE entity_id = @stream_id";

    public const string Payloads = "SELECT id, event_type, schema_version, data FROM events WHERE entity_id = @stream_id ORDER BY entity_version";

    /// <summary>Rows after <c>@after</c> in global order, at most <c>@max</c>, optionally before <c>@before</c> and of <c>@stream_id</c> only.</summary>
    public static string After(bool before, bool stream = false) =>
        $"{SelectRows} WHERE id > @after{(before ? " AND id < @before" : "")}{(stream ? " AND entity_id = @stream_id" : "")} ORDER BY id LIMIT @max";

    /// <summary>
    /// The one INSERT of an event row; its parameters are those <see cref="EventRowParameters"/> binds. With <paramref name="position"/>
    /// the row keeps the id it brings (an import); without, the log gives it the next position.
    /// </summary>
    public static string Insert(DatabaseProvider provider, bool position = false) =>
        $"INSERT INTO events ({(position ? "id, " : "")}entity_id, entity_type, event_type, entity_version, schema_version, data, meta, created_at) " +
        $"VALUES ({(position ? "@id, " : "")}@stream_id, @stream_type, @event_type, @version, @schema_version, " +
        $"{provider.Json("@data")}, {provider.Json("@meta")}, @created_at)";

    /// <summary><see cref="Insert"/> that hands back the position it gave the row.</summary>
    public static string InsertReturningPosition(DatabaseProvider provider) => $"{Insert(provider)} RETURNING id";

    /// <summary>What an earlier append with <c>@command_id</c> wrote (the migrations index exactly this expression).</summary>
    public static string FindCommand(DatabaseProvider provider) =>
        $"SELECT entity_id, MIN(entity_version), MAX(entity_version), MAX(id) FROM events WHERE {provider.MetaField("commandId")} = @command_id GROUP BY entity_id";

    /// <summary>A row read by a query over <see cref="Columns"/>.</summary>
    public static StoredEvent ReadRow(DbDataReader row) => new()
    {
        Position = row.GetInt64(0), StreamId = row.GetGuid(1), StreamType = row.GetString(2), EventType = row.GetString(3),
        Version = row.GetInt32(4), SchemaVersion = row.GetInt32(5), Data = row.GetString(6), Meta = row.GetString(7),
        CreatedAt = DateTime.SpecifyKind(row.GetDateTime(8), DateTimeKind.Utc),
    };

    public static async Task<IReadOnlyList<StoredEvent>> ReadRowsAsync(DbCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<StoredEvent>();
        while (await reader.ReadAsync(ct)) rows.Add(ReadRow(reader));
        return rows;
    }
}
