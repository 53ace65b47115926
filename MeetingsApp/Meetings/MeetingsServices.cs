using FluentValidation;
using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;

namespace MeetingsApp.Meetings;

public static class MeetingsServices
{
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddEventTypes<MeetingEventTypes>();
        services.AddValidatorsFromAssemblyContaining<ScheduleMeetingValidator>(ServiceLifetime.Singleton);
        services.AddSingleton<StreamLocks>();
        services.AddSingleton(_ => new StreamStateCache<Meeting>(capacity: 10_000));
        // The meeting as each event left it, for the reactors (notifications, e-mail) that build on it.
        services.AddSingleton(sp => new FoldedStreams<Meeting>(sp.GetRequiredService<IEventStore>(), Meeting.Evolve, capacity: 10_000));
        services.AddSingleton<MeetingCommandHandler>();
        services.AddSingleton<MeetingQueries>();
        services.AddSingleton<MeetingAudiences>();
        services.AddSingleton<ISubscriber<AppDbContext>, MeetingProjection>();
        services.AddSingleton<ISubscriptionObserver, MeetingsLiveObserver>();
        return services;
    }
}
