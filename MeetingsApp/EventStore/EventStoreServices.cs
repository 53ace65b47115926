using MeetingsApp.EventStore.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore;

public static class EventStoreServices
{
    /// <summary>
    /// Registers the event store on the database of <typeparamref name="TContext"/>, whose model must call
    /// <see cref="EventStoreModel.AddEventStore"/>; which provider that is, the context's options say.
    /// </summary>
    public static IServiceCollection AddEventStore<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.AddSingleton(sp =>
        {
            using var db = sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            return EventStoreDatabase.Of(db);
        });
        services.AddSingleton<EventTypeRegistry>();
        services.AddSingleton<AppendSignal>();
        services.AddSingleton(sp => new WriteGate(serialize: sp.GetRequiredService<EventStoreDatabase>().Provider.SerializesWriters));
        services.AddSingleton<SqlEventStore>();
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<SqlEventStore>());
        services.AddSingleton<CheckpointStore>();
        services.AddSingleton<EventLogTransfer>();
        return services;
    }

    /// <summary>Runs every registered <see cref="ISubscriber{TContext}"/> in the background.</summary>
    public static IServiceCollection AddSubscriptions<TContext>(this IServiceCollection services, Action<SubscriptionOptions>? configure = null)
        where TContext : DbContext
    {
        services.AddOptions<SubscriptionOptions>().Configure(o => configure?.Invoke(o));
        services.AddSingleton(sp =>
        {
            var database = sp.GetRequiredService<EventStoreDatabase>();
            return database.Provider.CreateLeases(database.ConnectionString, sp.GetRequiredService<EventTypeRegistry>().Readable.ToList(),
                sp.GetRequiredService<ILoggerFactory>());
        });
        services.AddEventTypes<ParkingEvents>();
        services.AddSingleton<ParkingDecisions>();
        services.AddSingleton<ParkedStreams<TContext>>();
        services.AddHealthChecks().AddCheck<SubscriptionsHealthCheck<TContext>>("subscriptions");
        // Registered as is: the wake-up's type depends on the provider, known only once the container is built.
        services.AddSingleton<IHostedService>(sp =>
        {
            var database = sp.GetRequiredService<EventStoreDatabase>();
            return database.Provider.CreateWakeup(database.ConnectionString, sp.GetRequiredService<AppendSignal>(), sp.GetRequiredService<ILoggerFactory>());
        });
        services.AddSingleton<SubscriptionHost<TContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<SubscriptionHost<TContext>>());
        return services;
    }

    public static IServiceCollection AddEventTypes<TMap>(this IServiceCollection services) where TMap : class, IEventTypeMap =>
        services.AddSingleton<IEventTypeMap, TMap>();
}
