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
        // The batch's own positions, not a range from its first to its last: an operator's release lists the decision
        // first and the events it released, which lie further back in the log, after it.
        var positions = batch.Select(e => e.Position).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var recipients = await db.Set<Notification>().AsNoTracking()
            .Where(n => positions.Contains(n.EventPosition)).Select(n => n.UserId).Distinct().ToListAsync(ct);
        if (recipients.Count == 0) return;
        await hub.Clients.Groups(recipients.Select(MeetingsHub.UserGroup).ToList()).NotificationsChanged(positions.Max());
    }
}
