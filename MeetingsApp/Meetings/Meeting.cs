using System.Collections.Immutable;
using MeetingsApp.EventStore.Subscriptions;

namespace MeetingsApp.Meetings;

public enum MeetingStatus { Scheduled, Cancelled, Finished }

/// <summary>An invitee's answer. Tentative is "maybe" (iCalendar's TENTATIVE); new values go at the end, read models store the number.</summary>
public enum InvitationResponse { Pending, Accepted, Declined, Tentative }

/// <summary>An invitee, their answer and the note they gave with it.</summary>
public sealed record Invitee(Guid UserId, InvitationResponse Response, string? Note = null);

/// <summary>
/// An invitee's open proposal of another time for the meeting. <see cref="Duration"/> is the length the proposal means
/// (the meeting's own when the invitee kept it), so accepting it needs nothing but the proposal.
/// </summary>
public sealed record Proposal(Guid Id, Guid ProposedBy, DateTimeOffset Start, TimeSpan Duration, string? Note);

/// <summary>
/// A meeting as its events made it. <see cref="Evolve"/> is the only definition of how a meeting changes:
/// the command handler, the projections, the timeline and the tests all fold events through it.
/// </summary>
/// <param name="Revision">The organiser's revisions since scheduling (edit, reschedule, invite, remove, cancel); answers never
/// count. It is iCalendar's SEQUENCE, so a calendar replaces its copy exactly when the organiser changed something.</param>
public sealed record Meeting(
    Guid Id, string Title, string Description, string Location, DateTimeOffset Start, TimeSpan Duration, Guid OrganizerId,
    ImmutableList<Invitee> Invitees, MeetingStatus Status, string? CancellationReason, int Version, int Revision)
{
    public DateTimeOffset End => Start + Duration;

    /// <summary>
    /// Open proposals of another time, oldest first, at most one per invitee. A proposal closes when it is accepted or
    /// dismissed, when its proposer proposes again or is removed, and when the meeting moves, is cancelled or finishes:
    /// it was about a time that no longer holds, and the proposer is asked again like everyone else.
    /// </summary>
    public ImmutableList<Proposal> Proposals { get; init; } = [];

    public Proposal? ProposalOf(Guid proposalId) => Proposals.Find(p => p.Id == proposalId);

    public Invitee? InviteeOf(Guid userId) => Invitees.Find(i => i.UserId == userId);

    /// <summary>The organiser or a current invitee: the only people who may see the meeting.</summary>
    public bool IsParticipant(Guid userId) => OrganizerId == userId || InviteeOf(userId) is not null;

    public int Count(InvitationResponse response) => Invitees.Count(i => i.Response == response);

    /// <summary>The state after <paramref name="event"/>; <paramref name="state"/> is null before the first event.</summary>
    public static Meeting Evolve(Meeting? state, object @event) => (state, @event) switch
    {
        (null, MeetingScheduled e) => new Meeting(e.MeetingId, e.Title, e.Description, e.Location, e.Start, e.Duration, e.OrganizerId,
            [.. e.InviteeIds.Select(id => new Invitee(id, InvitationResponse.Pending))],
            MeetingStatus.Scheduled, CancellationReason: null, Version: 1, Revision: 0),
        ({ } s, MeetingDetailsEdited e) => s.Revise() with
        {
            Title = e.Title ?? s.Title, Description = e.Description ?? s.Description, Location = e.Location ?? s.Location,
        },
        // Whose proposed time was accepted counts as accepted; everyone else confirms the new time.
        ({ } s, MeetingRescheduled e) => s.Revise() with
        {
            Start = e.NewStart, Duration = e.NewDuration ?? s.Duration, Proposals = [],
            Invitees = e.AnswersReset
                ? [.. s.Invitees.Select(i => new Invitee(i.UserId,
                    i.UserId == e.AcceptedProposal?.ProposedBy ? InvitationResponse.Accepted : InvitationResponse.Pending))]
                : s.Invitees,
        },
        ({ } s, PeopleInvited e) => s.Revise() with
        {
            Invitees = s.Invitees.AddRange(e.UserIds.Select(id => new Invitee(id, InvitationResponse.Pending))),
        },
        ({ } s, PeopleRemoved e) => s.Revise() with
        {
            Invitees = s.Invitees.RemoveAll(i => e.UserIds.Contains(i.UserId)), Proposals = s.Proposals.RemoveAll(p => e.UserIds.Contains(p.ProposedBy)),
        },
        ({ } s, InvitationAccepted e) => s.Respond(e.UserId, InvitationResponse.Accepted, e.Note),
        ({ } s, InvitationTentativelyAccepted e) => s.Respond(e.UserId, InvitationResponse.Tentative, e.Note),
        ({ } s, InvitationDeclined e) => s.Respond(e.UserId, InvitationResponse.Declined, e.Note),
        ({ } s, MeetingCancelled e) => s.Revise() with { Status = MeetingStatus.Cancelled, CancellationReason = e.Reason, Proposals = [] },
        ({ } s, MeetingFinished) => s with { Status = MeetingStatus.Finished, Version = s.Version + 1, Proposals = [] },
        // Proposals are the invitees' side of the conversation: they are versions, not organiser revisions (no SEQUENCE).
        ({ } s, TimeProposed e) => s with
        {
            Proposals = s.Proposals.RemoveAll(p => p.ProposedBy == e.ProposedBy).Add(new Proposal(e.ProposalId, e.ProposedBy, e.Start, e.Duration, e.Note)),
            Version = s.Version + 1,
        },
        ({ } s, ProposalDismissed e) => s with { Proposals = s.Proposals.RemoveAll(p => p.Id == e.ProposalId), Version = s.Version + 1 },
        // An event an operator told a subscriber to skip (it could not be read or applied) takes its version and changes nothing.
        ({ } s, SkippedEvent) => s with { Version = s.Version + 1 },
        (null, SkippedEvent) => throw new InvalidOperationException("A meeting's first event cannot be skipped: its later events would have no meeting to apply to."),
        _ => throw new InvalidOperationException(
            $"{@event.GetType().Name} cannot follow {(state is null ? "an empty stream" : $"version {state.Version}")}."),
    };

    /// <summary>Folds a stream's events, in order; null for an empty stream.</summary>
    public static Meeting? Fold(IEnumerable<object> events)
    {
        Meeting? state = null;
        foreach (var e in events) state = Evolve(state, e);
        return state;
    }

    /// <summary>The next version, as an organiser's revision.</summary>
    private Meeting Revise() => this with { Version = Version + 1, Revision = Revision + 1 };

    private Meeting Respond(Guid userId, InvitationResponse response, string? note) => this with
    {
        Invitees = Invitees.Replace(InviteeOf(userId)!, new Invitee(userId, response, note)),
        Version = Version + 1,
    };

    // Value equality that also compares the invitees and proposals element by element (ImmutableList compares by reference).
    public bool Equals(Meeting? other) =>
        other is not null && Id == other.Id && Title == other.Title && Description == other.Description && Location == other.Location
        && Start == other.Start && Duration == other.Duration && OrganizerId == other.OrganizerId
        && Status == other.Status && CancellationReason == other.CancellationReason && Version == other.Version
        && Revision == other.Revision && Invitees.SequenceEqual(other.Invitees) && Proposals.SequenceEqual(other.Proposals);

    public override int GetHashCode() => HashCode.Combine(Id, Version, Status, Start);
}
