using System.Collections.Immutable;

namespace MeetingsApp.Meetings;

public enum MeetingStatus { Scheduled, Cancelled, Finished }

public enum InvitationResponse { Pending, Accepted, Declined }

public sealed record Invitee(Guid UserId, InvitationResponse Response);

/// <summary>
/// A meeting as its events made it. <see cref="Evolve"/> is the only definition of how a meeting changes:
/// the command handler, the timeline and the tests all fold events through it.
/// </summary>
public sealed record Meeting(
    Guid Id, string Title, string Description, DateTimeOffset Start, TimeSpan Duration, Guid OrganizerId,
    ImmutableList<Invitee> Invitees, MeetingStatus Status, string? CancellationReason, int Version)
{
    public DateTimeOffset End => Start + Duration;

    public Invitee? InviteeOf(Guid userId) => Invitees.Find(i => i.UserId == userId);

    /// <summary>The organiser or an invitee: the only people who may see the meeting.</summary>
    public bool IsParticipant(Guid userId) => OrganizerId == userId || InviteeOf(userId) is not null;

    public int Count(InvitationResponse response) => Invitees.Count(i => i.Response == response);

    /// <summary>The state after <paramref name="event"/>; <paramref name="state"/> is null before the first event.</summary>
    public static Meeting Evolve(Meeting? state, object @event) => (state, @event) switch
    {
        (null, MeetingScheduled e) => new Meeting(e.MeetingId, e.Title, e.Description, e.Start, e.Duration, e.OrganizerId,
            [.. e.InviteeIds.Select(id => new Invitee(id, InvitationResponse.Pending))],
            MeetingStatus.Scheduled, CancellationReason: null, Version: 1),
        ({ } s, InvitationAccepted e) => s.Respond(e.UserId, InvitationResponse.Accepted),
        ({ } s, InvitationDeclined e) => s.Respond(e.UserId, InvitationResponse.Declined),
        ({ } s, MeetingRescheduled e) => s with { Start = e.NewStart, Version = s.Version + 1 },
        ({ } s, MeetingCancelled e) => s with { Status = MeetingStatus.Cancelled, CancellationReason = e.Reason, Version = s.Version + 1 },
        ({ } s, MeetingFinished) => s with { Status = MeetingStatus.Finished, Version = s.Version + 1 },
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

    private Meeting Respond(Guid userId, InvitationResponse response) => this with
    {
        Invitees = Invitees.Replace(InviteeOf(userId)!, new Invitee(userId, response)),
        Version = Version + 1,
    };

    // Value equality that also compares the invitees element by element (ImmutableList compares by reference).
    public bool Equals(Meeting? other) =>
        other is not null && Id == other.Id && Title == other.Title && Description == other.Description
        && Start == other.Start && Duration == other.Duration && OrganizerId == other.OrganizerId
        && Status == other.Status && CancellationReason == other.CancellationReason && Version == other.Version
        && Invitees.SequenceEqual(other.Invitees);

    public override int GetHashCode() => HashCode.Combine(Id, Version, Status, Start);
}
