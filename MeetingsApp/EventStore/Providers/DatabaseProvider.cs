using System.Data.Common;
using MeetingsApp.EventStore.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MeetingsApp.EventStore;

/// <summary>
/// A database the event store runs on, and every way in which it differs from the others: how EF Core and ADO.NET reach
/// it, its SQL, how appends take turns, how a rebuild bulk-copies rows, who applies a subscriber (leases) and how other
/// instances' appends wake this one. The rest of the store is written once against this class (as Eventuous' SQL
/// store base is against its per-provider subclasses), so adding a provider means adding one subclass to <see cref="All"/>.
/// </summary>
public abstract class DatabaseProvider
{
    public static readonly DatabaseProvider Sqlite = new SqliteProvider();
    public static readonly DatabaseProvider Postgres = new PostgresProvider();

    public static IReadOnlyList<DatabaseProvider> All { get; } = [Sqlite, Postgres];

    /// <summary>The provider's name in configuration (<c>Database:Provider</c>, any case).</summary>
    public abstract string Name { get; }

    /// <summary>EF Core's name for the provider (<c>DbContext.Database.ProviderName</c>).</summary>
    public abstract string EfProviderName { get; }

    /// <summary>The provider a configuration names; SQLite when it names none.</summary>
    public static DatabaseProvider Named(string? name) =>
        name is not { Length: > 0 } ? Sqlite
        : All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
          ?? throw new InvalidOperationException($"Database:Provider must be {string.Join(" or ", All.Select(p => p.Name))}, not '{name}'.");

    /// <summary>The provider a context was configured with.</summary>
    public static DatabaseProvider Of(DbContext db) => OfEfProvider(db.Database.ProviderName);

    public static DatabaseProvider OfEfProvider(string? efProviderName) =>
        All.FirstOrDefault(p => p.EfProviderName == efProviderName) ?? throw new NotSupportedException($"The event store does not support {efProviderName}.");

    public override string ToString() => Name;

    // EF Core

    /// <summary>Points EF Core at the database, with the settings every connection of the app needs.</summary>
    public abstract DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString);

    /// <summary>The column type of <c>data</c> and <c>meta</c>; null for the provider's own text type.</summary>
    public virtual string? JsonColumnType => null;

    /// <summary>Runs before the migrations: persistent settings of the database itself, or what the migrator needs first.</summary>
    public virtual Task PrepareAsync(DbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Held from before <see cref="PrepareAsync"/> until the migrations and what follows them are done, so that instances that start at once migrate in turn.</summary>
    public virtual Task<IAsyncDisposable> MigrationTurnAsync(DbContext db, CancellationToken ct) => Task.FromResult<IAsyncDisposable>(Nothing.Instance);

    // ADO.NET

    public abstract DbConnection CreateConnection(string connectionString);

    public async Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = CreateConnection(connectionString);
        await connection.OpenAsync(ct);
        OnOpened(connection);
        return connection;
    }

    protected virtual void OnOpened(DbConnection connection) { }

    // SQL

    /// <summary>A parameter as a JSON value.</summary>
    public abstract string Json(string parameter);

    /// <summary>A text field of the <c>meta</c> JSON.</summary>
    public abstract string MetaField(string field);

    /// <summary>The UTC day of a timestamp column, as <c>yyyy-MM-dd</c> text.</summary>
    public abstract string DayOf(string column);

    /// <summary>A stream id as the provider stores it, written and compared the way EF Core writes it.</summary>
    public abstract object StreamIdValue(Guid id);

    public abstract bool IsUniqueViolation(Exception ex);

    /// <summary>What a SELECT inside a transaction ends with to lock the rows it read ("" where the transaction already holds the one write lock).</summary>
    public abstract string ForUpdate { get; }

    // Locks

    /// <summary>Whether this process's writers must take turns (<see cref="WriteGate"/>): one writer per database.</summary>
    public abstract bool SerializesWriters { get; }

    /// <summary>Runs in an append's (or an import's) transaction before its first insert, so that positions become visible in order.</summary>
    public virtual Task BeginAppendAsync(DbConnection connection, DbTransaction tx, CancellationToken ct) => Task.CompletedTask;

    /// <summary>How the group-commit writer writes a batch of appends: statement by statement unless the provider knows better.</summary>
    internal virtual IAppendBatch CreateAppendBatch() => new SavepointAppendBatch(this);

    /// <summary>Runs after an import wrote rows with their own positions, before it commits.</summary>
    public virtual Task AfterImportAsync(DbConnection connection, DbTransaction tx, CancellationToken ct) => Task.CompletedTask;

    // Bulk copy

    /// <summary>Settings for a transaction that rewrites whole tables (a rebuild), undone when disposed.</summary>
    public virtual Task<IAsyncDisposable> LargeWritesAsync(DbContext db, CancellationToken ct) => Task.FromResult<IAsyncDisposable>(Nothing.Instance);

    /// <summary>
    /// Settings for a transaction whose changes the log can always make again (a projection's batch: its read-model rows
    /// and its checkpoint, committed together), undone when disposed: its commit need not wait for the disk. A crash of
    /// the machine may lose the last such commits, never part of one, and the projection then applies those events again
    /// from the checkpoint that survived. The log's own appends, and reactors (whose effects leave the app), keep waiting
    /// for the disk. Call it before the context first uses its connection: it may open the connection and keep it (the
    /// settings are the connection's) until disposed, or choose other connections.
    /// </summary>
    public virtual Task<IAsyncDisposable> ReplayableWritesAsync(DbContext db, CancellationToken ct) => Task.FromResult<IAsyncDisposable>(Nothing.Instance);

    /// <summary>Undoes a setting of <see cref="LargeWritesAsync"/> or <see cref="ReplayableWritesAsync"/> on the same connection.</summary>
    protected sealed class Undo(DbContext db, string sql) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>Whether secondary indexes are cheaper dropped before a bulk insert and built again after it.</summary>
    public virtual bool RebuildsIndexesAfterBulkInsert => false;

    /// <summary>Writes <paramref name="rows"/> into <paramref name="table"/> in the context's current transaction.</summary>
    public abstract Task BulkCopyAsync<T>(DbContext db, string table, IReadOnlyList<BulkColumn> columns, IEnumerable<T> rows,
        Func<T, int, object?> valueOf, CancellationToken ct);

    // Leases and wake-ups

    /// <summary>Who applies each subscriber where several instances share the database.</summary>
    /// <param name="readable">What this app reads (<see cref="EventTypeRegistry.Readable"/>), for instances to tell each other.</param>
    public abstract ISubscriptionLeases CreateLeases(string connectionString, IEnumerable<(string Name, int SchemaVersion)> readable, ILoggerFactory loggers);

    /// <summary>
    /// What wakes this instance's subscribers when another instance appends; with nothing, they find out by polling
    /// (their own appends wake them through <see cref="AppendSignal"/> either way).
    /// </summary>
    public virtual IHostedService CreateWakeup(string connectionString, AppendSignal signal, ILoggerFactory loggers) => Nothing.Instance;

    private protected sealed class Nothing : IAsyncDisposable, IHostedService
    {
        public static readonly Nothing Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}

/// <summary>One column of a bulk insert: its name and EF Core's mapping of its values.</summary>
public sealed record BulkColumn(string Name, RelationalTypeMapping Mapping, bool IsNullable);
