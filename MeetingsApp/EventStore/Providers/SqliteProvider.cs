using System.Data.Common;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MeetingsApp.EventStore;

/// <summary>
/// SQLite: one file, one writer at a time. Positions always become visible in order, writers of this process take turns
/// at a <see cref="WriteGate"/>, every instance may apply every subscriber, and other processes are noticed by polling.
/// </summary>
public sealed class SqliteProvider : DatabaseProvider
{
    public override string Name => "Sqlite";

    public override string EfProviderName => "Microsoft.EntityFrameworkCore.Sqlite";

    public override DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(new SqliteBusyTimeout());

    /// <summary>Write-ahead logging, a persistent setting of the file: readers no longer wait for the writer.</summary>
    public override async Task PrepareAsync(DbContext db, CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);

    public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    protected override void OnOpened(DbConnection connection) => SqliteBusyTimeout.Apply(connection);

    public override string Json(string parameter) => parameter;

    public override string MetaField(string field) => $"json_extract(meta, '$.{field}')";

    public override string DayOf(string column) => $"substr({column}, 1, 10)";

    // EF Core stores a Guid on SQLite as upper-case text; the plain-SQL paths must write and match the same.
    public override object StreamIdValue(Guid id) => id.ToString().ToUpperInvariant();

    public override bool IsUniqueViolation(Exception ex) => ex is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };

    public override string ForUpdate => "";

    public override bool SerializesWriters => true;

    /// <summary>
    /// A page cache big enough that rewriting whole tables in one transaction does not spill pages to the log half-way
    /// (the default 2 MB does): about a third faster for a 200,000-event rebuild.
    /// </summary>
    public override async Task<IAsyncDisposable> LargeWritesAsync(DbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144;", ct); // 256 MB, allocated only as used
        return new Undo(db, "PRAGMA cache_size = -2000;");
    }

    /// <summary>
    /// In write-ahead-log mode, <c>synchronous = NORMAL</c> commits without syncing the log file (the next sync, by an append
    /// or a checkpoint, covers it). It cannot change inside a transaction, so it is set before one and set back (to SQLite's
    /// default, <c>FULL</c>, which the app's other connections keep) after it.
    /// </summary>
    public override async Task<IAsyncDisposable> ReplayableWritesAsync(DbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL;", ct);
        return new Undo(db, "PRAGMA synchronous = FULL;");
    }

    public override bool RebuildsIndexesAfterBulkInsert => true;

    /// <summary>One prepared statement, run once per row: an in-process call each.</summary>
    public override async Task BulkCopyAsync<T>(DbContext db, string table, IReadOnlyList<BulkColumn> columns, IEnumerable<T> rows,
        Func<T, int, object?> valueOf, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().GetCommand(
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})",
            db.Database.CurrentTransaction?.GetDbTransaction());
        var parameters = columns.Select((c, i) =>
        {
            var parameter = c.Mapping.CreateParameter(command, $"@p{i}", null, c.IsNullable);
            command.Parameters.Add(parameter);
            return parameter;
        }).ToList();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++) parameters[i].Value = valueOf(row, i) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public override ISubscriptionLeases CreateLeases(string connectionString, IEnumerable<(string Name, int SchemaVersion)> readable, ILoggerFactory loggers) => new EveryInstanceApplies();
}
