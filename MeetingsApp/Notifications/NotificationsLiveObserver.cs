using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Notifications;

/// <summary>Once <see cref="NotificationReactor"/> has committed, tells each new notification's recipient, so their bell and inbox re-read.</summary>
public sealed class NotificationsLiveObserver(IHubContext<MeetingsHub, IMeetingsClient> hub, IDbContextFactory<AppDbContext> contexts) : ISubscriptionObserver
{
    public string Subscriber => NotificationReactor.SubscriberName;

    public async Task CommittedAsync(IReadOnlyList<RecordedEvent> batch, CancellationToken ct)
    {
        var (first, last) = (batch[0].Position, batch[^1].Position);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var recipients = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.EventPosition >= first && n.EventPosition <= last).Select(n => n.UserId).Distinct().ToListAsync(ct);
        if (recipients.Count == 0) return;
        await hub.Clients.Groups(recipients.Select(MeetingsHub.UserGroup).ToList()).NotificationsChanged(last);
    }
}
