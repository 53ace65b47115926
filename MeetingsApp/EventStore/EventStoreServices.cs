using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.EventStore;

public static class EventStoreServices
{
    /// <summary>Registers the event store over <typeparamref name="TContext"/>, whose model must call <see cref="EventStoreModel.AddEventStore"/>.</summary>
    public static IServiceCollection AddEventStore<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.AddSingleton<EventTypeRegistry>();
        services.AddSingleton<IEventStore, EfEventStore<TContext>>();
        return services;
    }

    public static IServiceCollection AddEventTypes<TMap>(this IServiceCollection services) where TMap : class, IEventTypeMap =>
        services.AddSingleton<IEventTypeMap, TMap>();
}
