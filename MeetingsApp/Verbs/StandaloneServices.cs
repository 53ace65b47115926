using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.Meetings;

namespace MeetingsApp.Verbs;

/// <summary>The app's own services over a given database, migrated, for verbs (and tests) that run without the web host.</summary>
public sealed class StandaloneServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private StandaloneServices(ServiceProvider provider) => _provider = provider;

    public static async Task<StandaloneServices> CreateAsync(string connectionString, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Meetings"] = connectionString })
            .Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddDatabase(configuration).AddEventStore<AppDbContext>().AddMeetings().AddUsers();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.MigrateDatabaseAsync();
        return new StandaloneServices(provider);
    }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public IServiceProvider Provider => _provider;

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
