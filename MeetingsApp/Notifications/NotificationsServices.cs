using MeetingsApp.Data;
using MeetingsApp.EventStore.Subscriptions;

namespace MeetingsApp.Notifications;

public static class NotificationsServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services) => services
        .AddSingleton<NotificationInbox>()
        .AddSingleton<ISubscriber<AppDbContext>, NotificationReactor>()
        .AddSingleton<ISubscriptionObserver, NotificationsLiveObserver>();
}
