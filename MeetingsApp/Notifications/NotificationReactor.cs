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
public sealed class NotificationReactor(FoldedStreams<Meeting> meetings, UserDirectory users) : ISubscriber<AppDbContext>
{
    public const string SubscriberName = "notifications";

    public string Name => SubscriberName;

    public SubscriberKind Kind => SubscriberKind.Reactor;

    public bool WritesOnlyThroughChangeTracker => true;

    public async Task ApplyAsync(AppDbContext db, RecordedEvent @event, CancellationToken ct)
    {
        if (@event.StreamType != MeetingCommandHandler.StreamType || @event.Data is MeetingFinished or SkippedEvent) return;
        // The meeting as this event left it, from the log itself: the reactor does not depend on any projection.
        var meeting = await meetings.AfterAsync(@event, ct);
        var actor = (await users.GetAsync([@event.Metadata.UserId], ct)).GetValueOrDefault(@event.Metadata.UserId);
        var already = await db.Set<Notification>().Where(n => n.EventPosition == @event.Position).Select(n => n.UserId).ToListAsync(ct);
        var (start, duration) = When(@event.Data);
        foreach (var (recipient, kind) in What(@event.Data, meeting).Where(r => !already.Contains(r.Recipient) && r.Recipient != @event.Metadata.UserId))
        {
            db.Add(new Notification
            {
                UserId = recipient, EventPosition = @event.Position, MeetingId = meeting.Id, Kind = kind,
                ActorName = actor?.DisplayName ?? "Someone", MeetingTitle = meeting.Title, Start = start, Duration = duration,
                Reason = Reason(@event.Data), Detail = Detail(@event.Data), CreatedAt = @event.CreatedAt.UtcDateTime,
            });
        }
    }

    /// <summary>Who hears of an event, and as what: the people it concerns, as the meeting stands after it.</summary>
    private static IEnumerable<(Guid Recipient, NotificationKind Kind)> What(object @event, Meeting meeting)
    {
        IEnumerable<(Guid, NotificationKind)> To(IEnumerable<Guid> people, NotificationKind kind) => people.Select(p => (p, kind));
        var invitees = meeting.Invitees.Select(i => i.UserId);
        return @event switch
        {
            MeetingScheduled e => To(e.InviteeIds, NotificationKind.Invited),
            PeopleInvited e => To(e.UserIds, NotificationKind.Invited),
            PeopleRemoved e => To(e.UserIds, NotificationKind.Removed),
            MeetingDetailsEdited => To(invitees, NotificationKind.DetailsChanged),
            // The proposer hears that their time was taken; everyone else that the meeting moved.
            MeetingRescheduled e => invitees.Select(i => (i, i == e.AcceptedProposal?.ProposedBy ? NotificationKind.ProposalAccepted : NotificationKind.Rescheduled)),
            InvitationAccepted => To([meeting.OrganizerId], NotificationKind.Accepted),
            InvitationTentativelyAccepted => To([meeting.OrganizerId], NotificationKind.Tentative),
            InvitationDeclined => To([meeting.OrganizerId], NotificationKind.Declined),
            TimeProposed => To([meeting.OrganizerId], NotificationKind.TimeProposed),
            ProposalDismissed e => To([e.ProposedBy], NotificationKind.ProposalDismissed),
            MeetingCancelled => To(meeting.Invitees.Where(i => i.Response != InvitationResponse.Declined).Select(i => i.UserId), NotificationKind.Cancelled),
            _ => throw new InvalidOperationException($"No notification for {@event.GetType().Name}."),
        };
    }

    private static (DateTime? Start, TimeSpan? Duration) When(object @event) => @event switch
    {
        MeetingRescheduled e => (e.NewStart.UtcDateTime, e.NewDuration),
        TimeProposed e => (e.Start.UtcDateTime, e.Duration),
        ProposalDismissed e => (e.ProposedStart.UtcDateTime, e.ProposedDuration),
        _ => (null, null),
    };

    private static string? Reason(object @event) => @event switch
    {
        MeetingCancelled e => e.Reason,
        ProposalDismissed e => e.Reason,
        _ => null,
    };

    private static string? Detail(object @event) => @event switch
    {
        InvitationAccepted e => e.Note,
        InvitationTentativelyAccepted e => e.Note,
        InvitationDeclined e => e.Note,
        TimeProposed e => e.Note,
        MeetingDetailsEdited e => string.Join("; ", new[]
        {
            e.PreviousTitle is null ? null : $"renamed from “{e.PreviousTitle}”",
            e.Location is null ? null : e.Location.Length == 0 ? "location removed" : $"location: {e.Location}",
            e.Description is null ? null : "new description",
        }.OfType<string>()),
        _ => null,
    };
}
