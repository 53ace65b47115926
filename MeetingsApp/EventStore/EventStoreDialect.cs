using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MeetingsApp.EventStore;

/// <summary>What differs between database providers on the store's hot paths, which run on plain ADO.NET.</summary>
internal sealed record EventStoreDialect(
    string ConnectionString,
    DbProviderFactory Factory,
    Action<DbConnection> OnOpened,
    Func<string, string> MetaField,
    Func<string, string> Json,
    string DayOfCreatedAt,
    Func<Guid, object> StreamIdValue,
    Func<Exception, bool> IsUniqueViolation,
    string? BeginAppend,
    string? AfterImport)
{
    public const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";
    public const string Npgsql = "Npgsql.EntityFrameworkCore.PostgreSQL";
    public const string Columns = "id, entity_id, entity_type, event_type, entity_version, schema_version, data, meta, created_at";

    /// <summary>The key of the PostgreSQL advisory lock that appends take in turn (see <see cref="BeginAppend"/>).</summary>
    public const long AppendLockKey = 0x4D_45_45_54_5F_4C_4F_47; // "MEET_LOG"

    /// <summary>Matches the events of one command id (the migration indexes exactly this expression).</summary>
    public string CommandIdFilter => $"{MetaField("commandId")} = @command_id";

    public static EventStoreDialect For(DbContext db)
    {
        var connection = db.Database.GetDbConnection();
        var factory = DbProviderFactories.GetFactory(connection) ?? throw new NotSupportedException("The connection has no provider factory.");
        return db.Database.ProviderName switch
        {
            // EF Core stores a Guid on SQLite as upper-case text; the hot paths must write and match the same.
            // SQLite has one writer at a time, so positions always become visible in order.
            Sqlite => new(connection.ConnectionString, factory,
                SqliteBusyTimeout.Apply,
                field => $"json_extract(meta, '$.{field}')",
                parameter => parameter,
                "substr(created_at, 1, 10)",
                id => id.ToString().ToUpperInvariant(),
                ex => ex is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 },
                BeginAppend: null,
                AfterImport: null),
            // Concurrent transactions take ids from a sequence but may commit in another order, so a reader following
            // "id > checkpoint" could pass over an id that commits later. Appends therefore hold a transaction-scoped
            // advisory lock from their first insert to their commit: ids become visible in order, on every instance.
            Npgsql => new(connection.ConnectionString, factory,
                _ => { },
                field => $"(meta->>'{field}')",
                parameter => $"{parameter}::json",
                "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
                id => id,
                ex => ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation },
                // A writer that cannot get its turn within 10 s fails its batch (the users hear "try again") instead of waiting on.
                BeginAppend: $"SET LOCAL lock_timeout = '10s'; SELECT pg_advisory_xact_lock({AppendLockKey})",
                // Imported rows bring their own ids: the identity sequence must continue after them.
                AfterImport: "SELECT setval(pg_get_serial_sequence('events', 'id'), GREATEST((SELECT MAX(id) FROM events), 1))"),
            var provider => throw new NotSupportedException($"The event store does not support {provider}."),
        };
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = Factory.CreateConnection()!;
        connection.ConnectionString = ConnectionString;
        await connection.OpenAsync(ct);
        OnOpened(connection);
        return connection;
    }
}
