using MeetingsApp.Data;
using MeetingsApp.EventStore;

namespace MeetingsApp.Verbs;

/// <summary>
/// The app's own services (<see cref="AppServices"/>, as the web host composes them) over a given database, migrated,
/// for verbs and tests that run without the web host.
/// </summary>
public sealed class StandaloneServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private IReadOnlyList<IHostedService> _started = [];

    private StandaloneServices(ServiceProvider provider) => _provider = provider;

    public static async Task<StandaloneServices> CreateAsync(string connectionString, Action<IServiceCollection>? configure = null,
        DatabaseProvider? database = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Meetings"] = connectionString,
                ["Database:Provider"] = (database ?? DatabaseProvider.Sqlite).Name,
            })
            .Build();
        var provider = AppServices.Build(configuration, configure);
        await provider.MigrateDatabaseAsync();
        return new StandaloneServices(provider);
    }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>
    /// Starts the background services the web host would start by itself: the subscribers (projections and reactors)
    /// and, on PostgreSQL, the listener that wakes them.
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
