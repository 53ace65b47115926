using System.Text.Json.Nodes;
using MeetingsApp.EventStore;

namespace MeetingsApp.Meetings;

// The schema contract of a meeting's stream. Names are stable and stored; records change shape only
// with a new schema version and an upcaster below. All instants are UTC. Events keep user ids, never names.

public sealed record MeetingScheduled(
    Guid MeetingId, string Title, string Description, string Location, DateTimeOffset Start, TimeSpan Duration,
    Guid OrganizerId, IReadOnlyList<Guid> InviteeIds, DateTimeOffset ScheduledAt);

/// <summary>The organiser changed some of title, description and location: null means "unchanged", "" means "cleared".</summary>
public sealed record MeetingDetailsEdited(
    Guid MeetingId, string? Title, string? PreviousTitle, string? Description, string? PreviousDescription,
    string? Location, string? PreviousLocation, Guid EditedBy, DateTimeOffset EditedAt);

/// <summary>
/// The organiser moved the meeting or changed its length. A null duration means "unchanged". From schema version 2 on the
/// invitees' answers go back to pending (<see cref="AnswersReset"/>: they confirm the new time); version-1 rows kept them,
/// as the rule was then, and still fold that way. From version 3 on, <see cref="AcceptedProposal"/> says the move took an
/// invitee's proposed time: its proposer counts as accepted. Every move closes every open proposal.
/// </summary>
public sealed record MeetingRescheduled(
    Guid MeetingId, DateTimeOffset PreviousStart, DateTimeOffset NewStart, TimeSpan? PreviousDuration, TimeSpan? NewDuration,
    bool AnswersReset, Guid RescheduledBy, DateTimeOffset RescheduledAt, AcceptedProposal? AcceptedProposal = null);

/// <summary>The proposal a move took, and whose it was (so readers of the event need not look back for it).</summary>
public sealed record AcceptedProposal(Guid ProposalId, Guid ProposedBy);

/// <summary>An invitee proposed another start (and length) for the meeting, replacing their own earlier proposal if any.</summary>
public sealed record TimeProposed(
    Guid MeetingId, Guid ProposalId, Guid ProposedBy, DateTimeOffset Start, TimeSpan Duration, string? Note, DateTimeOffset ProposedAt);

/// <summary>The organiser turned an open proposal down; it carries the proposed time, so the event reads on its own.</summary>
public sealed record ProposalDismissed(
    Guid MeetingId, Guid ProposalId, Guid ProposedBy, DateTimeOffset ProposedStart, TimeSpan ProposedDuration, string? Reason,
    Guid DismissedBy, DateTimeOffset DismissedAt);

public sealed record PeopleInvited(Guid MeetingId, IReadOnlyList<Guid> UserIds, Guid InvitedBy, DateTimeOffset InvitedAt);

public sealed record PeopleRemoved(Guid MeetingId, IReadOnlyList<Guid> UserIds, Guid RemovedBy, DateTimeOffset RemovedAt);

public sealed record InvitationAccepted(Guid MeetingId, Guid UserId, string? Note, DateTimeOffset AcceptedAt);

/// <summary>"Maybe": iCalendar's TENTATIVE.</summary>
public sealed record InvitationTentativelyAccepted(Guid MeetingId, Guid UserId, string? Note, DateTimeOffset AnsweredAt);

public sealed record InvitationDeclined(Guid MeetingId, Guid UserId, string? Note, DateTimeOffset DeclinedAt);

public sealed record MeetingCancelled(Guid MeetingId, string? Reason, Guid CancelledBy, DateTimeOffset CancelledAt);

public sealed record MeetingFinished(Guid MeetingId, Guid FinishedBy, DateTimeOffset FinishedAt);

public sealed class MeetingEventTypes : IEventTypeMap
{
    public const string Scheduled = "meeting_scheduled", Rescheduled = "meeting_rescheduled",
        Accepted = "invitation_accepted", Declined = "invitation_declined";

    public void Map(EventTypeRegistry registry) => registry
        .Register<MeetingScheduled>(Scheduled, schemaVersion: 3)
        .Upcast(Scheduled, fromVersion: 1, UpcastScheduledV1)
        .Upcast(Scheduled, fromVersion: 2, v2 => With(v2, ("location", "")))
        .Register<MeetingDetailsEdited>("meeting_details_edited")
        .Register<MeetingRescheduled>(Rescheduled, schemaVersion: 3)
        .Upcast(Rescheduled, fromVersion: 1, UpcastRescheduledV1)
        .Upcast(Rescheduled, fromVersion: 2, v2 => With(v2, ("acceptedProposal", null)))
        .Register<TimeProposed>("time_proposed")
        .Register<ProposalDismissed>("proposal_dismissed")
        .Register<PeopleInvited>("people_invited")
        .Register<PeopleRemoved>("people_removed")
        .Register<InvitationAccepted>(Accepted, schemaVersion: 2)
        .Upcast(Accepted, fromVersion: 1, v1 => With(v1, ("note", null)))
        .Register<InvitationTentativelyAccepted>("invitation_tentatively_accepted")
        .Register<InvitationDeclined>(Declined, schemaVersion: 2)
        .Upcast(Declined, fromVersion: 1, v1 => With(v1, ("note", null)))
        .Register<MeetingCancelled>("meeting_cancelled")
        .Register<MeetingFinished>("meeting_finished");

    /// <summary>
    /// Version 1 of meeting_scheduled had no description and stored the length as whole minutes
    /// (<c>durationMinutes</c>); version 2 adds <c>description</c> and stores <c>duration</c> as a time span.
    /// </summary>
    internal static JsonObject UpcastScheduledV1(JsonObject v1)
    {
        var v2 = v1.DeepClone().AsObject();
        var minutes = v2["durationMinutes"]?.GetValue<int>() ?? throw new InvalidOperationException("durationMinutes is missing");
        v2.Remove("durationMinutes");
        v2["duration"] = TimeSpan.FromMinutes(minutes).ToString("c");
        v2["description"] ??= "";
        return v2;
    }

    /// <summary>
    /// Version 1 of meeting_rescheduled moved the start only and kept every answer; version 2 can change the length too
    /// and resets the answers. A stored version-1 row reads as "length unchanged, answers kept".
    /// </summary>
    internal static JsonObject UpcastRescheduledV1(JsonObject v1) =>
        With(v1, ("previousDuration", null), ("newDuration", null), ("answersReset", false));

    private static JsonObject With(JsonObject stored, params (string Name, JsonNode? Value)[] added)
    {
        var next = stored.DeepClone().AsObject();
        foreach (var (name, value) in added) next[name] = value;
        return next;
    }
}
