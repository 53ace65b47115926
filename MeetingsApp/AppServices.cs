using MeetingsApp.Accounts;
using MeetingsApp.Admin;
using MeetingsApp.Calendar;
using MeetingsApp.Data;
using MeetingsApp.Email;
using MeetingsApp.EventStore;
using MeetingsApp.Live;
using MeetingsApp.Meetings;
using MeetingsApp.Notifications;
using MeetingsApp.Timeline;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeetingsApp;

/// <summary>
/// The app's services, composed in one place: the web host (<see cref="AppHost"/>), the verbs, the demo seeding and the
/// tests all start from here, so a dependency that one of them lacks fails to compile or to start for all of them alike.
/// </summary>
public static class AppServices
{
    /// <summary>Everything but the web pipeline; the clock is the system's unless one was registered before.</summary>
    public static IServiceCollection AddMeetingsApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services.AddDatabase(configuration).AddEventStore<AppDbContext>().AddSubscriptions<AppDbContext>()
            .AddMeetings().AddCalendar().AddNotifications().AddEmail(configuration).AddTimeline().AddAccounts().AddLive().AddAdmin();
    }

    /// <summary>
    /// The app's services on their own, without a web host: for verbs, tests and the demo seeding. <paramref name="configure"/>
    /// runs last, so it may replace what the app registered (a test's clock, a story's clock).
    /// </summary>
    public static ServiceProvider Build(IConfiguration configuration, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection()
            .AddSingleton(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddMeetingsApp(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
