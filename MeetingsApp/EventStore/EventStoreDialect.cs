using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore;

/// <summary>What differs between database providers on the store's hot paths, which run on plain ADO.NET.</summary>
internal sealed record EventStoreDialect(
    string ConnectionString,
    DbProviderFactory Factory,
    Action<DbConnection> OnOpened,
    Func<string, string> MetaField,
    string DayOfCreatedAt,
    Func<Guid, object> StreamIdValue,
    Func<Exception, bool> IsUniqueViolation)
{
    public const string Columns = "id, entity_id, entity_type, event_type, entity_version, schema_version, data, meta, created_at";

    /// <summary>Matches the events of one command id (the migration indexes exactly this expression).</summary>
    public string CommandIdFilter => $"{MetaField("commandId")} = @command_id";

    public static EventStoreDialect For(DbContext db)
    {
        var connection = db.Database.GetDbConnection();
        var factory = DbProviderFactories.GetFactory(connection) ?? throw new NotSupportedException("The connection has no provider factory.");
        return db.Database.ProviderName switch
        {
            // EF Core stores a Guid on SQLite as upper-case text; the hot paths must write and match the same.
            "Microsoft.EntityFrameworkCore.Sqlite" => new(connection.ConnectionString, factory,
                SqliteBusyTimeout.Apply,
                field => $"json_extract(meta, '$.{field}')",
                "substr(created_at, 1, 10)",
                id => id.ToString().ToUpperInvariant(),
                ex => ex is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }),
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
