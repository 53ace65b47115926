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
        services.AddSingleton(sp =>
        {
            using var db = sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            return new WriteGate(serialize: db.Database.IsSqlite());
        });
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
        services.AddSingleton<SubscriptionHost<TContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<SubscriptionHost<TContext>>());
        return services;
    }

    public static IServiceCollection AddEventTypes<TMap>(this IServiceCollection services) where TMap : class, IEventTypeMap =>
        services.AddSingleton<IEventTypeMap, TMap>();
}
