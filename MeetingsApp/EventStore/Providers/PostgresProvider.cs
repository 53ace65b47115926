using System.Data.Common;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MeetingsApp.EventStore;

/// <summary>
/// PostgreSQL: many writers at once and several app instances. Appends take turns on an advisory lock so that positions
/// become visible in order, each batch in one round trip; a subscriber is applied by the instance holding its advisory lease; LISTEN/NOTIFY wakes
/// every instance; a rebuild writes with binary COPY.
/// </summary>
public sealed class PostgresProvider : DatabaseProvider
{
    /// <summary>The key of the advisory lock that appends take in turn (see <see cref="BeginAppendAsync"/>).</summary>
    public const long AppendLockKey = 0x4D_45_45_54_5F_4C_4F_47; // "MEET_LOG"

    public override string Name => "Postgres";

    public override string EfProviderName => "Npgsql.EntityFrameworkCore.PostgreSQL";

    public override DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithSessionSettings(connectionString));

    /// <summary>
    /// Session settings every connection of the app asks PostgreSQL for (the connection string's own <c>Options</c> win):
    /// the server notices within about half a minute that a client machine has vanished without closing its socket
    /// (its default is the OS's two hours), and ends sessions left idle inside a transaction, so that neither a
    /// subscriber's lease nor the append lock outlives its instance for long.
    /// <para>
    /// Repeated statements are prepared once per connection, and a connection back in the pool is not reset: the reset
    /// (<c>RESET ALL</c>, <c>CLOSE ALL</c>, <c>UNLISTEN *</c>, <c>pg_advisory_unlock_all()</c>, discarding sequences and temp
    /// tables) would travel with the next statement of every pooled use, and it nearly doubled the cost of a short read
    /// such as the clash warnings' (0.12 to 0.07 ms). Nothing of the app leaves session state on a pooled connection: its
    /// settings are <c>SET LOCAL</c> or start-up options, its locks are transaction-scoped, and the session-level advisory
    /// leases, the migrations' lock and <c>LISTEN</c> have unpooled connections of their own. Npgsql still rolls back a transaction left open.
    /// </para>
    /// </summary>
    public static string WithSessionSettings(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3 " +
            $"-c idle_in_transaction_session_timeout=60000 {builder.Options}".TrimEnd();
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 64;
        builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary><c>json</c> checks the JSON and keeps its text exactly as written (<c>jsonb</c> would reorder it).</summary>
    public override string? JsonColumnType => "json";

    /// <summary>
    /// The migrations' history table, made before EF Core looks for it. Npgsql's migrator reads it first and takes "no such
    /// table" for a new database: that works, but logs the read as a failed command, an error in the first lines a new
    /// deployment prints (npgsql/efcore.pg#3407).
    /// </summary>
    public override async Task PrepareAsync(DbContext db, CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);

    /// <summary>
    /// A session's advisory lock around the whole migration, on a connection of its own outside the pool (closing it lets
    /// go of the lock, however the migration ends), waited for as long as the other instance migrates. Npgsql's migrator
    /// locks the history table only inside each migration's transaction, and two instances that started at once on a new
    /// database both applied the same migration (the second failed: "relation already exists"). EF Core makes a missing
    /// database in its migrator; the lock needs one to connect to, so it is made here first.
    /// </summary>
    public override async Task<IAsyncDisposable> MigrationTurnAsync(DbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            try
            {
                await creator.CreateAsync(ct);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // another instance made it meanwhile
            }
        }
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString())
            { Pooling = false, ApplicationName = "MeetingsApp migrations" }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection) { CommandTimeout = 0 };
            await take.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private const long MigrationLockKey = 0x4D_45_45_54_5F_4D_49_47; // "MEET_MIG"

    public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    public override string Json(string parameter) => $"{parameter}::json";

    public override string MetaField(string field) => $"(meta->>'{field}')";

    public override string DayOf(string column) => $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')";

    public override object StreamIdValue(Guid id) => id;

    public override bool IsUniqueViolation(Exception ex) => ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override string ForUpdate => " FOR UPDATE";

    public override bool SerializesWriters => false;

    /// <summary>
    /// <c>synchronous_commit = off</c>: the commit returns before its log record is flushed (the WAL writer flushes it within
    /// a few hundred milliseconds); a server crash may lose the last such transactions, never part of one. Asked for when
    /// the connection starts, on connections of their own (Npgsql pools by connection string), so that it costs no round
    /// trip to set and none to undo, and no other connection of the app ever has it.
    /// </summary>
    public override Task<IAsyncDisposable> ReplayableWritesAsync(DbContext db, CancellationToken ct)
    {
        db.Database.SetConnectionString(ReplayableConnections.GetOrAdd(db.Database.GetConnectionString()!, connectionString =>
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            builder.Options = $"{builder.Options} -c synchronous_commit=off".TrimStart();
            return builder.ConnectionString;
        }));
        return Task.FromResult<IAsyncDisposable>(Nothing.Instance);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> ReplayableConnections = new();

    /// <summary>A writer that cannot get its turn within 10 s fails its batch (the users hear "try again") instead of waiting on.</summary>
    internal const string AppendLockTimeout = "SET LOCAL lock_timeout = '10s'";

    internal static readonly string TakeAppendLock = $"SELECT pg_advisory_xact_lock({AppendLockKey})";

    /// <summary>
    /// Concurrent transactions take ids from a sequence but may commit in another order, so a reader following
    /// "id &gt; checkpoint" could pass over an id that commits later. Appends (and imports) therefore hold a
    /// transaction-scoped advisory lock from their first insert to their commit: ids become visible in order, on every
    /// instance. An append batch takes it in its one round trip (<see cref="PostgresAppendBatch"/>).
    /// </summary>
    public override Task BeginAppendAsync(DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        connection.ExecuteAsync($"{AppendLockTimeout}; {TakeAppendLock}", tx, ct);

    internal override IAppendBatch CreateAppendBatch() => new PostgresAppendBatch(this);

    /// <summary>Imported rows bring their own ids: the identity sequence must continue after them.</summary>
    public override Task AfterImportAsync(DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        connection.ExecuteAsync("SELECT setval(pg_get_serial_sequence('events', 'id'), GREATEST((SELECT MAX(id) FROM events), 1))", tx, ct);

    /// <summary>
    /// One binary COPY (a row per network round trip would be about fifteen times slower). Indexes stay: DROP INDEX
    /// would lock readers out of the table until the rebuild commits.
    /// </summary>
    public override async Task BulkCopyAsync<T>(DbContext db, string table, IReadOnlyList<BulkColumn> columns, IEnumerable<T> rows,
        Func<T, int, object?> valueOf, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                if (valueOf(row, i) is { } value) await copy.WriteAsync(value, ct);
                else await copy.WriteNullAsync(ct);
            }
        }
        await copy.CompleteAsync(ct);
    }

    public override ISubscriptionLeases CreateLeases(string connectionString, IEnumerable<(string Name, int SchemaVersion)> readable, ILoggerFactory loggers) =>
        new PostgresAdvisoryLeases(connectionString, readable, loggers.CreateLogger<PostgresAdvisoryLeases>());

    public override IHostedService CreateWakeup(string connectionString, AppendSignal signal, ILoggerFactory loggers) =>
        new PostgresLogListener(connectionString, signal, loggers.CreateLogger<PostgresLogListener>());
}
