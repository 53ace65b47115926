using MeetingsApp.Demo;
using MeetingsApp.Verbs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingsApp.Tests;

/// <summary>A test on the app's real services over a fresh, migrated SQLite file, with a clock the test controls.</summary>
public abstract class SqliteTest : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("meetings-test-");

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    protected StandaloneServices Services { get; private set; } = null!;

    protected string ConnectionString => $"Data Source={Path.Combine(_folder.FullName, "meetings.db")}";

    /// <summary>Another set of services on the same file: a second app instance.</summary>
    protected Task<StandaloneServices> StartAnotherInstanceAsync() => StandaloneServices.CreateAsync(ConnectionString, Configure);

    /// <summary>Registers a user who can be invited (no password, so no sign-in).</summary>
    protected Task<Guid> RegisterAsync(string name) => Services.Provider.CreateUserAsync(name, $"{name.Replace(' ', '.').ToLowerInvariant()}.{Guid.NewGuid():N}@test.example");

    protected async Task<List<Guid>> RegisterAsync(int count, string prefix = "Guest")
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++) ids.Add(await RegisterAsync($"{prefix} {i}"));
        return ids;
    }

    protected SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    protected virtual void Configure(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    public async ValueTask InitializeAsync()
    {
        Services = await StandaloneServices.CreateAsync(ConnectionString, Configure);
        await SetUpAsync();
    }

    /// <summary>Per-test arrangement that needs the services, such as registering users.</summary>
    protected virtual ValueTask SetUpAsync() => ValueTask.CompletedTask;

    /// <summary>Per-test clean-up that needs the services still running.</summary>
    protected virtual ValueTask TearDownAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await TearDownAsync();
        await Services.DisposeAsync();
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        _folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }
}
