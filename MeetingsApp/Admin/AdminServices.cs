namespace MeetingsApp.Admin;

public static class AdminServices
{
    /// <summary>What the admin pages read: the event log's reports.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services) => services.AddSingleton<EventLogQueries>();
}
