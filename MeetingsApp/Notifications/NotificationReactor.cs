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
        var actor = (await users.GetAsync([@event.Metadata.UserId], ct)).GetValueOrDefault(@event.Metadata.UserId);
        var (kind, recipients) = What(@event.Data, meeting);
        var already = await db.Set<Notification>().Where(n => n.EventPosition == @event.Position).Select(n => n.UserId).ToListAsync(ct);
        foreach (var recipient in recipients.Except(already).Where(r => r != @event.Metadata.UserId))
        {
            db.Add(new Notification
            {
                UserId = recipient, EventPosition = @event.Position, MeetingId = meeting.Id, Kind = kind,
                ActorName = actor?.DisplayName ?? "Someone", MeetingTitle = meeting.Title,
                Start = (@event.Data as MeetingRescheduled)?.NewStart.UtcDateTime, Duration = (@event.Data as MeetingRescheduled)?.NewDuration,
                Reason = (@event.Data as MeetingCancelled)?.Reason, Detail = Detail(@event.Data), CreatedAt = @event.CreatedAt.UtcDateTime,
            });
        }
    }

    /// <summary>Who hears of an event: the people it concerns, as the meeting stands after it.</summary>
    private static (NotificationKind Kind, IEnumerable<Guid> Recipients) What(object @event, Meeting meeting)
    {
        var invitees = meeting.Invitees.Select(i => i.UserId);
        return @event switch
        {
            MeetingScheduled e => (NotificationKind.Invited, e.InviteeIds),
            PeopleInvited e => (NotificationKind.Invited, e.UserIds),
            PeopleRemoved e => (NotificationKind.Removed, e.UserIds),
            MeetingDetailsEdited => (NotificationKind.DetailsChanged, invitees),
            MeetingRescheduled => (NotificationKind.Rescheduled, invitees),
            InvitationAccepted => (NotificationKind.Accepted, [meeting.OrganizerId]),
            InvitationTentativelyAccepted => (NotificationKind.Tentative, [meeting.OrganizerId]),
            InvitationDeclined => (NotificationKind.Declined, [meeting.OrganizerId]),
            MeetingCancelled => (NotificationKind.Cancelled,
                meeting.Invitees.Where(i => i.Response != InvitationResponse.Declined).Select(i => i.UserId)),
            _ => throw new InvalidOperationException($"No notification for {@event.GetType().Name}."),
        };
    }

    private static string? Detail(object @event) => @event switch
    {
        InvitationAccepted e => e.Note,
        InvitationTentativelyAccepted e => e.Note,
        InvitationDeclined e => e.Note,
        MeetingDetailsEdited e => string.Join("; ", new[]
        {
            e.PreviousTitle is null ? null : $"renamed from “{e.PreviousTitle}”",
            e.Location is null ? null : e.Location.Length == 0 ? "location removed" : $"location: {e.Location}",
            e.Description is null ? null : "new description",
        }.OfType<string>()),
        _ => null,
    };
}
