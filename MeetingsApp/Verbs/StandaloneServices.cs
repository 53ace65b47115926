using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.Email;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using MeetingsApp.Notifications;
using MeetingsApp.Timeline;

namespace MeetingsApp.Verbs;

/// <summary>The app's own services over a given database, migrated, for verbs (and tests) that run without the web host.</summary>
public sealed class StandaloneServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private IReadOnlyList<IHostedService> _started = [];

    private StandaloneServices(ServiceProvider provider) => _provider = provider;

    public static async Task<StandaloneServices> CreateAsync(string connectionString, Action<IServiceCollection>? configure = null,
        DatabaseProvider database = DatabaseProvider.Sqlite)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Meetings"] = connectionString,
                ["Database:Provider"] = database.ToString(),
            })
            .Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddDatabase(configuration).AddEventStore<AppDbContext>().AddSubscriptions<AppDbContext>().AddMeetings().AddNotifications().AddEmail(configuration).AddTimeline().AddUsers();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.MigrateDatabaseAsync();
        return new StandaloneServices(provider);
    }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>
    /// Starts the subscribers (projections and reactors) and, on PostgreSQL, the listener that wakes them: the background
    /// services the web host would start by itself.
    /// </summary>
    public async Task<StandaloneServices> StartSubscriptionsAsync(CancellationToken ct = default)
    {
        _started = _provider.GetServices<IHostedService>().ToList();
        foreach (var service in _started) await service.StartAsync(ct);
        return this;
    }

    public IServiceProvider Provider => _provider;

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _started.Reverse()) await service.StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
    }
}
