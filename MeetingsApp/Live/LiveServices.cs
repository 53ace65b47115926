using MeetingsApp.EventStore.Subscriptions;

namespace MeetingsApp.Live;

public static class LiveServices
{
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<ISubscriptionObserver, LiveNotifier>();
        return services;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<MeetingsHub>(MeetingsHub.Route);
        return endpoints;
    }
}
