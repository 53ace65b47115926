namespace MeetingsApp.Live;

public static class LiveServices
{
    /// <summary>The hub only: each feature registers the observer that pushes its own read model's changes through it.</summary>
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSignalR();
        return services;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<MeetingsHub>(MeetingsHub.Route);
        return endpoints;
    }
}
