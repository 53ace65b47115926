using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using MeetingsApp.Notifications;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Live;

/// <summary>
/// After a read model commits, tells exactly the people concerned, through their user groups on the hub.
/// Each app instance runs its own subscribers, so each instance tells the tabs connected to it.
/// </summary>
public sealed class LiveNotifier(IHubContext<MeetingsHub, IMeetingsClient> hub, IDbContextFactory<AppDbContext> contexts) : ISubscriptionObserver
{
    public async Task CommittedAsync(string subscriber, IReadOnlyList<RecordedEvent> batch, CancellationToken ct)
    {
        if (subscriber == MeetingProjection.SubscriberName) await MeetingsChangedAsync(batch, ct);
        else if (subscriber == NotificationReactor.SubscriberName) await NotificationsChangedAsync(batch, ct);
    }

    private async Task MeetingsChangedAsync(IReadOnlyList<RecordedEvent> batch, CancellationToken ct)
    {
        var latest = batch.Where(e => e.StreamType == MeetingCommandHandler.StreamType)
            .GroupBy(e => e.StreamId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Position)!);
        if (latest.Count == 0) return;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ids = latest.Keys.ToList();
        var participants = await db.Set<MeetingParticipant>().AsNoTracking().Where(p => ids.Contains(p.MeetingId))
            .Select(p => new { p.MeetingId, p.UserId }).ToListAsync(ct);
        // Access follows current membership; a removal is the last message its removed people get, so their open page
        // re-reads and says they were removed.
        var removed = batch.Where(e => e.Data is PeopleRemoved).SelectMany(e => ((PeopleRemoved)e.Data).UserIds.Select(u => new { e.StreamId, UserId = u }));
        var told = participants.Select(p => (p.MeetingId, p.UserId)).Concat(removed.Select(r => (MeetingId: r.StreamId, r.UserId)));
        foreach (var meeting in told.Distinct().GroupBy(p => p.MeetingId))
        {
            var e = latest[meeting.Key];
            var groups = meeting.Select(p => MeetingsHub.UserGroup(p.UserId)).ToList();
            await hub.Clients.Groups(groups).MeetingChanged(new MeetingChange(meeting.Key, e.Version, e.Position));
        }
    }

    private async Task NotificationsChangedAsync(IReadOnlyList<RecordedEvent> batch, CancellationToken ct)
    {
        var (first, last) = (batch[0].Position, batch[^1].Position);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var recipients = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.EventPosition >= first && n.EventPosition <= last).Select(n => n.UserId).Distinct().ToListAsync(ct);
        if (recipients.Count == 0) return;
        await hub.Clients.Groups(recipients.Select(MeetingsHub.UserGroup).ToList()).NotificationsChanged(last);
    }
}
