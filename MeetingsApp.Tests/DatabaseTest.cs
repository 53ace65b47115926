using System.Data.Common;
using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Verbs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingsApp.Tests;

/// <summary>
/// A test on the app's real services over a fresh, migrated database, with a clock the test controls: a SQLite file, or,
/// in a subclass that overrides <see cref="Provider"/>, a database of its own on the test PostgreSQL server.
/// </summary>
public abstract class DatabaseTest : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("meetings-test-");
    private readonly List<string> _databases = [];

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    protected StandaloneServices Services { get; private set; } = null!;

    protected string ConnectionString { get; private set; } = "";

    /// <summary>Another set of services on the same database: a second app instance.</summary>
    protected Task<StandaloneServices> StartAnotherInstanceAsync() => StandaloneServices.CreateAsync(ConnectionString, Configure, Provider);

    /// <summary>
    /// The app's services on another database of the same provider without rows, removed with this test; with
    /// <paramref name="new"/>, one that nothing migrated before, as a new deployment's (on PostgreSQL the tests' databases
    /// are otherwise copies of a migrated template).
    /// </summary>
    protected async Task<StandaloneServices> StartOnAnotherDatabaseAsync(Action<IServiceCollection>? configure = null, bool @new = false) =>
        await StandaloneServices.CreateAsync(await CreateDatabaseAsync(@new), configure, Provider);

    /// <summary>Every projection's tables as the log makes them, as the running app keeps them (these services run no subscribers).</summary>
    protected async Task RebuildProjectionsAsync()
    {
        var host = Services.Get<SubscriptionHost<AppDbContext>>();
        foreach (var projection in host.Status.Where(s => s.Kind == SubscriberKind.Projection)) await host.RebuildAsync(projection.Name);
    }

    /// <summary>Registers a user who can be invited (no password, so no sign-in).</summary>
    protected Task<Guid> RegisterAsync(string name) => Services.Provider.CreateUserAsync(name, $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@test.example");

    protected async Task<List<Guid>> RegisterAsync(int count, string prefix = "Guest")
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++) ids.Add(await RegisterAsync($"{prefix} {i}"));
        return ids;
    }

    /// <summary>A connection of the provider's own ADO.NET driver, for looking at (or tampering with) the tables directly.</summary>
    protected DbConnection OpenConnection()
    {
        var connection = Provider.CreateConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Writes a row straight into <c>events</c>, past the store: how tests put old or broken rows in the log.</summary>
    protected void InsertRawEvent(Guid stream, string streamType, string eventType, int version, int schemaVersion, string data, string meta = "{}")
    {
        using var connection = OpenConnection();
        using var command = connection.GetCommand(EventSql.Insert(Provider));
        new EventRowParameters(command, Provider).Set(new StoredEvent
        {
            StreamId = stream, StreamType = streamType, EventType = eventType, Version = version, SchemaVersion = schemaVersion,
            Data = data, Meta = meta, CreatedAt = Clock.GetUtcNow().UtcDateTime,
        });
        command.ExecuteNonQuery();
    }

    protected virtual void Configure(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>Another database of the same provider, removed with this test; see <see cref="StartOnAnotherDatabaseAsync"/>.</summary>
    protected async Task<string> CreateDatabaseAsync(bool @new = false)
    {
        var connectionString = Provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(_folder.FullName, $"meetings-{_databases.Count}.db")}"
            : await PostgresServer.CreateDatabaseAsync(@new);
        _databases.Add(connectionString);
        return connectionString;
    }

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        Services = await StandaloneServices.CreateAsync(ConnectionString, Configure, Provider);
        await SetUpAsync();
    }

    /// <summary>Per-test arrangement that needs the services, such as registering users.</summary>
    protected virtual ValueTask SetUpAsync() => ValueTask.CompletedTask;

    /// <summary>Per-test clean-up that needs the services still running.</summary>
    protected virtual ValueTask TearDownAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Services is not null)
        {
            await TearDownAsync();
            await Services.DisposeAsync();
        }
        foreach (var database in _databases)
        {
            if (Provider == DatabaseProvider.Sqlite) SqliteConnection.ClearPool(new SqliteConnection(database));
            else await PostgresServer.DropDatabaseAsync(database);
        }
        _folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }
}
