using MeetingsApp.Accounts;
using MeetingsApp.Data;
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
    private bool _subscriptionsStarted;

    private StandaloneServices(ServiceProvider provider) => _provider = provider;

    public static async Task<StandaloneServices> CreateAsync(string connectionString, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Meetings"] = connectionString })
            .Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddDatabase(configuration).AddEventStore<AppDbContext>().AddSubscriptions<AppDbContext>().AddMeetings().AddNotifications().AddTimeline().AddUsers();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.MigrateDatabaseAsync();
        return new StandaloneServices(provider);
    }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Starts the subscribers (projections and reactors), which the web host would start by itself.</summary>
    public async Task<StandaloneServices> StartSubscriptionsAsync(CancellationToken ct = default)
    {
        await Get<SubscriptionHost<AppDbContext>>().StartAsync(ct);
        _subscriptionsStarted = true;
        return this;
    }

    public IServiceProvider Provider => _provider;

    public async ValueTask DisposeAsync()
    {
        if (_subscriptionsStarted) await Get<SubscriptionHost<AppDbContext>>().StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
    }
}
