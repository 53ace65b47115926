using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;

namespace MeetingsApp.Timeline;

public static class TimelineServices
{
    public static IServiceCollection AddTimeline(this IServiceCollection services) =>
        services.AddSingleton<MeetingHistory>().AddSingleton<AsOfQueries>()
            .AddSingleton<ISubscriber<AppDbContext>, MeetingVersionProjection>();
}
