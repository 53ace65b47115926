using System.Text.Json;
using MeetingsApp.Meetings;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingsApp.Tests.EndToEnd;

/// <summary>
/// One database served by the real app, which a test can stop and start again as the next version (with services of
/// its own): an upgrade, as an operator does it, on SQLite or PostgreSQL.
/// </summary>
public sealed class UpgradedApp : IAsyncDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("meetings-upgrade-");
    private readonly DatabaseProvider _provider;
    private string _connectionString = "";

    private UpgradedApp(DatabaseProvider provider) => _provider = provider;

    public AppServer App { get; private set; } = null!;

    public static async Task<UpgradedApp> StartAsync(DatabaseProvider provider)
    {
        var upgraded = new UpgradedApp(provider);
        upgraded._connectionString = provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(upgraded._folder.FullName, "app.db")}"
            : await PostgresServer.CreateDatabaseAsync();
        upgraded.App = upgraded.Start(null);
        return upgraded;
    }

    /// <summary>Stops the running version and starts the next on the same database, with <paramref name="services"/> added.</summary>
    public async Task UpgradeAsync(Action<IServiceCollection> services)
    {
        await App.DisposeAsync();
        App = Start(services);
    }

    /// <summary>A second instance of the running version on the same database (the caller disposes it).</summary>
    public AppServer StartAnother() => Start(null);

    private AppServer Start(Action<IServiceCollection>? services) => new(new Dictionary<string, string?>
    {
        ["Database:Provider"] = _provider == DatabaseProvider.Sqlite ? "Sqlite" : "Postgres", ["ConnectionStrings:Meetings"] = _connectionString,
    }, services: services);

    /// <summary>A meeting row as another app version wrote it, straight into the log.</summary>
    public async Task InsertAsync(Guid meeting, int version, string type, int schemaVersion, string data, Guid user)
    {
        await using var connection = _provider.CreateConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.GetCommand(EventSql.Insert(_provider));
        new EventRowParameters(command, _provider).Set(new StoredEvent
        {
            StreamId = meeting, StreamType = MeetingCommandHandler.StreamType, EventType = type, Version = version, SchemaVersion = schemaVersion,
            Data = data, Meta = JsonSerializer.Serialize(EventMetadata.ForCommand(user, Guid.NewGuid()), EventTypeRegistry.Json), CreatedAt = DateTime.UtcNow,
        });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>An invitation_accepted row in a pre-release shape (v0: <c>acceptedOn</c>) that no upcaster of this version reads.</summary>
    public Task InsertPreReleaseAcceptAsync(Guid meeting, int version, Guid user) => InsertAsync(meeting, version, MeetingEventTypes.Accepted, 0,
        $$"""{"meetingId":"{{meeting}}","userId":"{{user}}","acceptedOn":"{{DateTimeOffset.UtcNow:O}}"}""", user);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (_provider == DatabaseProvider.Sqlite) SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        else await PostgresServer.DropDatabaseAsync(_connectionString);
        _folder.Delete(recursive: true);
    }
}

/// <summary>The fix the next version ships: answers written in the pre-release shape (v0, <c>acceptedOn</c>) read as v1.</summary>
public sealed class PreReleaseAcceptUpcaster : IEventTypeMap
{
    public void Map(EventTypeRegistry registry) => registry.Upcast(MeetingEventTypes.Accepted, 0, v0 =>
    {
        var v1 = v0.DeepClone().AsObject();
        v1["acceptedAt"] = v1["acceptedOn"]!.DeepClone();
        v1.Remove("acceptedOn");
        return v1;
    });
}
