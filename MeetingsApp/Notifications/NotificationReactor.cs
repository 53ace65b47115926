using MeetingsApp.Accounts;
using MeetingsApp.Data;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;
using MeetingsApp.Meetings;
using Microsoft.EntityFrameworkCore;

namespace MeetingsApp.Notifications;

/// <summary>
/// Tells people what happened to their meetings, in the app. A reactor: it runs once per event (its rows and its
/// checkpoint commit together, and a unique index backs that up), it is never replayed, and not during a rebuild.
/// </summary>
public sealed class NotificationReactor(IEventStore store, UserDirectory users) : ISubscriber<AppDbContext>
{
    public const string SubscriberName = "notifications";

    public string Name => SubscriberName;

    public SubscriberKind Kind => SubscriberKind.Reactor;

    public async Task ApplyAsync(AppDbContext db, RecordedEvent @event, CancellationToken ct)
    {
        if (@event.StreamType != MeetingCommandHandler.StreamType || @event.Data is MeetingFinished) return;
        // The meeting as this event left it, from the log itself: the reactor does not depend on any projection.
        var history = await store.ReadStreamAsync(@event.StreamId, upToVersion: @event.Version, ct: ct);
        var meeting = Meeting.Fold(history.Select(e => e.Data))!;
        var notDeclined = meeting.Invitees.Where(i => i.Response != InvitationResponse.Declined).Select(i => i.UserId);
        var (kind, recipients, start, reason) = @event.Data switch
        {
            MeetingScheduled e => (NotificationKind.Invited, e.InviteeIds, (DateTime?)null, (string?)null),
            InvitationAccepted => (NotificationKind.Accepted, [meeting.OrganizerId], null, null),
            InvitationDeclined => (NotificationKind.Declined, [meeting.OrganizerId], null, null),
            MeetingRescheduled e => (NotificationKind.Rescheduled, notDeclined.ToList(), e.NewStart.UtcDateTime, null),
            MeetingCancelled e => (NotificationKind.Cancelled, notDeclined.ToList(), null, e.Reason),
            _ => throw new InvalidOperationException($"No notification for {@event.EventType}."),
        };
        var actor = (await users.GetAsync([@event.Metadata.UserId], ct)).GetValueOrDefault(@event.Metadata.UserId);
        var already = await db.Set<Notification>().Where(n => n.EventPosition == @event.Position).Select(n => n.UserId).ToListAsync(ct);
        foreach (var recipient in recipients.Except(already).Where(r => r != @event.Metadata.UserId))
        {
            db.Add(new Notification
            {
                UserId = recipient, EventPosition = @event.Position, MeetingId = meeting.Id, Kind = kind,
                ActorName = actor?.DisplayName ?? "Someone", MeetingTitle = meeting.Title, Start = start, Reason = reason,
                CreatedAt = @event.CreatedAt.UtcDateTime,
            });
        }
    }
}
