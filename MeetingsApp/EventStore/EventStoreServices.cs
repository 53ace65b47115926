using MeetingsApp.EventStore.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore;

public static class EventStoreServices
{
    /// <summary>Registers the event store over <typeparamref name="TContext"/>, whose model must call <see cref="EventStoreModel.AddEventStore"/>.</summary>
    public static IServiceCollection AddEventStore<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.AddSingleton<EventTypeRegistry>();
        services.AddSingleton<AppendSignal>();
        services.AddSingleton(sp => new WriteGate(serialize: DatabaseOf<TContext>(sp).Provider == EventStoreDialect.Sqlite));
        services.AddSingleton<EfEventStore<TContext>>();
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<EfEventStore<TContext>>());
        services.AddSingleton<IEventLog>(sp => sp.GetRequiredService<EfEventStore<TContext>>());
        return services;
    }

    /// <summary>Runs every registered <see cref="ISubscriber{TContext}"/> in the background.</summary>
    public static IServiceCollection AddSubscriptions<TContext>(this IServiceCollection services, Action<SubscriptionOptions>? configure = null)
        where TContext : DbContext
    {
        services.AddOptions<SubscriptionOptions>().Configure(o => configure?.Invoke(o));
        services.AddSingleton<ISubscriptionLeases>(sp => DatabaseOf<TContext>(sp) is (EventStoreDialect.Npgsql, var connectionString)
            ? new PostgresAdvisoryLeases(connectionString, sp.GetRequiredService<ILogger<PostgresAdvisoryLeases>>())
            : new EveryInstanceApplies());
        services.AddHostedService(sp => new PostgresLogListener(
            DatabaseOf<TContext>(sp) is (EventStoreDialect.Npgsql, var connectionString) ? connectionString : null,
            sp.GetRequiredService<AppendSignal>(), sp.GetRequiredService<ILogger<PostgresLogListener>>()));
        services.AddSingleton<SubscriptionHost<TContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<SubscriptionHost<TContext>>());
        return services;
    }

    private static (string? Provider, string ConnectionString) DatabaseOf<TContext>(IServiceProvider services) where TContext : DbContext
    {
        using var db = services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
        return (db.Database.ProviderName, db.Database.GetConnectionString()!);
    }

    public static IServiceCollection AddEventTypes<TMap>(this IServiceCollection services) where TMap : class, IEventTypeMap =>
        services.AddSingleton<IEventTypeMap, TMap>();
}
