using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;

namespace MeetingsApp.Calendar;

public static class CalendarServices
{
    public static IServiceCollection AddCalendar(this IServiceCollection services) => services
        .AddSingleton<ISubscriber<AppDbContext>, FreeBusyProjection>()
        .AddSingleton<IFreeBusy, FreeBusyQueries>()
        .AddSingleton<CalendarQueries>();
}
