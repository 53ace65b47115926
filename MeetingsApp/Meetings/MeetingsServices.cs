using FluentValidation;
using MeetingsApp.EventStore;

namespace MeetingsApp.Meetings;

public static class MeetingsServices
{
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddEventTypes<MeetingEventTypes>();
        services.AddValidatorsFromAssemblyContaining<ScheduleMeetingValidator>(ServiceLifetime.Singleton);
        services.AddSingleton<StreamLocks>();
        services.AddSingleton<MeetingCommandHandler>();
        return services;
    }
}
