namespace MeetingsApp.Meetings;

public enum MeetingErrorCode
{
    Invalid, NotSignedIn, NotFound, AlreadyExists, NotInvited, NotOrganizer, NotScheduled,
    AlreadyAccepted, AlreadyDeclined, OrganizerInvited, SameStart, NotStartedYet, Conflict, Unavailable,
    AlreadyTentative, NothingChanged, AlreadyInvited, TooManyInvitees, ProposalNotOpen, TooSoon, Unreadable, CommandIdReused,
}

/// <summary>Why a command was refused, in words a user can read. <see cref="Fields"/> holds per-field validation messages.</summary>
public sealed record MeetingError(MeetingErrorCode Code, string Message)
{
    public IReadOnlyDictionary<string, string[]> Fields { get; init; } = new Dictionary<string, string[]>();

    public static MeetingError NotSignedIn { get; } = new(MeetingErrorCode.NotSignedIn, "Please sign in first.");
    public static MeetingError NotFound { get; } = new(MeetingErrorCode.NotFound, "Meeting not found.");
    public static MeetingError NotOrganizer { get; } = new(MeetingErrorCode.NotOrganizer, "Only the organiser can do that.");
    public static MeetingError NotInvited { get; } = new(MeetingErrorCode.NotInvited, "Only invitees can answer an invitation.");
    public static MeetingError CommandIdReused { get; } = new(MeetingErrorCode.CommandIdReused, "This request was already used for another meeting, so nothing was changed. Please reload the page and try again.");

    public static MeetingError Conflict { get; } = new(MeetingErrorCode.Conflict, "The meeting changed meanwhile. Please look again and retry.");
    public static MeetingError Unavailable { get; } = new(MeetingErrorCode.Unavailable, "The database did not answer, so your change may or may not have been recorded. Reload the page to see before you try again.");

    /// <summary>The meeting's stream holds an event this app version cannot read: deciding without it could break the meeting's rules.</summary>
    public static MeetingError Unreadable { get; } = new(MeetingErrorCode.Unreadable,
        "This meeting's history holds a change this version of the app cannot read, so no change to it can be decided now. Nothing was recorded; please tell an administrator.");

    public static MeetingError NotScheduled(MeetingStatus status) =>
        new(MeetingErrorCode.NotScheduled, $"The meeting is {status.ToString().ToLowerInvariant()}.");
}

/// <summary>What <c>Decide</c> returns: the events to append, or the reason for refusing.</summary>
public readonly record struct Decision(IReadOnlyList<object> Events, MeetingError? Error)
{
    public static Decision Accept(params object[] events) => new(events, null);

    public static implicit operator Decision(MeetingError error) => new([], error);
}

/// <summary>A command on one meeting, with the pure decision that turns it into events.</summary>
public interface IMeetingCommand<TSelf> where TSelf : IMeetingCommand<TSelf>
{
    Guid MeetingId { get; }

    static abstract Decision Decide(Meeting? state, TSelf command, Guid actorId, DateTimeOffset now);
}
